"""AuditEvent: one row per service-layer write, never updated or deleted."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models


class AppendOnly(Exception):
    pass


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)  # no FK: the trail outlives users
    actor = models.CharField(max_length=150)
    via = models.CharField(max_length=8)
    ip = models.GenericIPAddressField(null=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("audit events are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("audit events are never deleted")


class Revision(models.Model):
    """One version of one record: who changed it, when, and the field-level diff."""

    object_type = models.CharField(max_length=32)
    object_id = models.BigIntegerField()
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=16)  # created, updated, deleted, restored, reverted
    occurred_at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150)
    # {field: [before, after]}; a creation lists every non-empty field with before = None.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id", "version"], name="revision_unique_version"
            )
        ]
