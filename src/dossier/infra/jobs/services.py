"""Enqueue, claim and finish jobs. Claims use SKIP LOCKED where the database has it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from dossier.core import clock
from dossier.infra.jobs.models import Job
from dossier.infra.jobs.registry import HANDLERS

LEASE = timedelta(minutes=10)


def enqueue(
    kind: str,
    payload: dict[str, Any] | None = None,
    *,
    run_at: datetime | None = None,
    dedupe_key: str | None = None,
) -> Job:
    """Add a job in the caller's transaction, so it exists exactly when the work it follows does."""
    if kind not in HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    if dedupe_key:
        pending = Job.objects.filter(dedupe_key=dedupe_key).first()
        if pending is not None:
            return pending
    return Job.objects.create(
        kind=kind, payload=payload or {}, run_at=run_at or clock.now(), dedupe_key=dedupe_key
    )


def claim_next(worker_id: str) -> Job | None:
    now = clock.now()
    with transaction.atomic():
        due = Job.objects.filter(
            Q(status=Job.Status.QUEUED) | Q(status=Job.Status.RUNNING, locked_until__lt=now),
            run_at__lte=now,
        ).order_by("run_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        job = due.first()
        if job is None:
            return None
        job.status, job.locked_by, job.locked_until = Job.Status.RUNNING, worker_id, now + LEASE
        job.attempts += 1
        job.save(update_fields=["status", "locked_by", "locked_until", "attempts"])
    return job


def run(job: Job) -> bool:
    """Run one claimed job; its effects and its completion commit together or not at all."""
    try:
        with transaction.atomic():
            HANDLERS[job.kind](job.payload)
            Job.objects.filter(pk=job.pk).update(
                status=Job.Status.DONE, finished_at=clock.now(), dedupe_key=None, last_error=""
            )
        return True
    except Exception as error:
        _retry_or_fail(job, error)
        return False


def _retry_or_fail(job: Job, error: Exception) -> None:
    failed = job.attempts >= job.max_attempts
    backoff = timedelta(seconds=min(3600, 10 * 2**job.attempts))
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.FAILED if failed else Job.Status.QUEUED,
        run_at=clock.now() + backoff,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        finished_at=clock.now() if failed else None,
        dedupe_key=None if failed else job.dedupe_key,
    )
