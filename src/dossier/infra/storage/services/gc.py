"""Garbage collection: delete blobs nothing references, never one an upload has leased."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import timedelta

from django.db import connection, transaction

from dossier.core import clock
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services.blobs import EncryptedBlobStore, default_store

# Leases are set by the clock of the host that put the blob; this absorbs skew between hosts.
DEFAULT_GRACE = timedelta(hours=1)
BATCH = 500


def collect_garbage(
    referenced: Callable[[], Collection[str]],
    *,
    store: EncryptedBlobStore | None = None,
    grace: timedelta = DEFAULT_GRACE,
) -> int:
    """Delete every blob not in `referenced()` whose lease ended `grace` ago; returns the count.

    The cut-off is fixed before `referenced` is called: a document pointing at a blob commits
    within the blob's lease, so once the lease is over its reference is visible to the call.
    """
    store = store or default_store()
    cutoff = clock.now() - grace
    keep = set(referenced())
    deleted, after = 0, ""
    while True:
        batch = list(
            Blob.objects.filter(leased_until__lt=cutoff, sha256__gt=after)
            .order_by("sha256")
            .values_list("sha256", flat=True)[:BATCH]
        )
        if not batch:
            return deleted
        after = batch[-1]
        deleted += sum(_collect(store, sha256, cutoff) for sha256 in batch if sha256 not in keep)


def _collect(store: EncryptedBlobStore, sha256: str, cutoff: object) -> bool:
    with transaction.atomic():
        # Checked again under the row lock: a put of the same content may have renewed the
        # lease since the batch was read. A row an upload holds locked right now is skipped.
        rows = Blob.objects.filter(sha256=sha256, leased_until__lt=cutoff)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        row = rows.first()
        if row is None:
            return False
        store.remove(row)
        return True
