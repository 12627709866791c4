"""The job queue: jobs run once, failures retry with back-off, effects commit with completion."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.infra.jobs import services
from dossier.infra.jobs.models import Job
from dossier.infra.jobs.registry import HANDLERS, handler
from dossier.infra.jobs.runner import work

pytestmark = pytest.mark.django_db
seen: list[dict[str, Any]] = []


@handler("tests.remember")
def remember(payload: dict[str, Any]) -> None:
    seen.append(payload)


@handler("tests.explode")
def explode(payload: dict[str, Any]) -> None:
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _clear() -> None:
    seen.clear()


def test_a_job_runs_once() -> None:
    services.enqueue("tests.remember", {"n": 1})
    assert work(once=True) == 1
    assert work(once=True) == 0
    assert seen == [{"n": 1}]
    assert Job.objects.get().status == Job.Status.DONE


def test_same_dedupe_key_while_pending_is_one_job() -> None:
    first = services.enqueue("tests.remember", {"n": 1}, dedupe_key="k")
    second = services.enqueue("tests.remember", {"n": 2}, dedupe_key="k")
    assert first.pk == second.pk


def test_a_failing_job_is_retried_later_then_fails() -> None:
    job = services.enqueue("tests.explode")
    job.max_attempts = 1
    Job.objects.filter(pk=job.pk).update(max_attempts=1)
    work(once=True)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)
    assert "boom" in job.last_error


def test_unknown_kind_is_refused_at_enqueue() -> None:
    with pytest.raises(ValueError, match="no handler"):
        services.enqueue("tests.nothing")


def test_handlers_are_registered_once() -> None:
    assert HANDLERS["tests.remember"] is remember
    with pytest.raises(ValueError):
        handler("tests.remember")(lambda payload: None)
