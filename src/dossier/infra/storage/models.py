"""Blob: one stored content, its wrapped data key, and the lease that keeps GC off it."""

from __future__ import annotations

from django.db import models


class Blob(models.Model):
    # Content addressing: the plaintext's SHA-256 is the identity, so equal files are one row.
    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    stored_size = models.BigIntegerField()
    # The data key, wrapped (AES-KW) by the master key named next to it; only here, so that
    # rotation re-wraps rows without rewriting objects.
    wrapped_key = models.BinaryField()
    master_key_id = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    # Every put (new or duplicate) leases the blob until a document can have committed a
    # reference to it; garbage collection never takes a leased blob.
    leased_until = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["master_key_id"]),
            models.Index(fields=["leased_until"]),
        ]

    def __str__(self) -> str:
        return self.sha256


class FieldKey(models.Model):
    """A data key for encrypting values inside rows (sensitive fields), wrapped by the master
    key like a blob's, so `dossier keys rotate` re-wraps it without touching the values."""

    name = models.CharField(max_length=64, primary_key=True)
    wrapped_key = models.BinaryField()
    master_key_id = models.CharField(max_length=32)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
