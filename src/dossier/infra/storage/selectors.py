"""Reads of the blob table: which master keys are in use, and by how many blobs."""

from __future__ import annotations

from django.db.models import Count

from dossier.infra.storage.models import Blob


def blobs_per_master_key() -> dict[str, int]:
    rows = Blob.objects.values("master_key_id").annotate(count=Count("sha256"))
    return {row["master_key_id"]: row["count"] for row in rows}
