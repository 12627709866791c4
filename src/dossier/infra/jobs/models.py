"""Job: a unit of background work, idempotent, leased by one worker at a time."""

from __future__ import annotations

from django.db import models


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    kind = models.CharField(max_length=64)
    payload = models.JSONField(default=dict)
    # Enqueueing the same key twice while the first is pending yields one job.
    dedupe_key = models.CharField(max_length=200, null=True, unique=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    run_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=5)
    locked_by = models.CharField(max_length=64, blank=True)
    locked_until = models.DateTimeField(null=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [models.Index(fields=["status", "run_at"])]
