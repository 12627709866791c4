"""Garbage collection deletes unreferenced old blobs, never one an upload has just leased."""

from __future__ import annotations

import io
from datetime import timedelta

from dossier.infra.storage.backends import object_key
from dossier.infra.storage.services import EncryptedBlobStore, collect_garbage
from dossier.infra.storage.services.gc import DEFAULT_GRACE
from tests.storage.conftest import FrozenClock

PAST_LEASE = timedelta(hours=24) + DEFAULT_GRACE + timedelta(seconds=1)


def test_unreferenced_old_blobs_go_and_referenced_ones_stay(
    store: EncryptedBlobStore, frozen_clock: FrozenClock
) -> None:
    kept = store.put(io.BytesIO(b"referenced by a document")).sha256
    dropped = store.put(io.BytesIO(b"upload abandoned")).sha256
    frozen_clock.advance(PAST_LEASE)

    assert collect_garbage(lambda: {kept}, store=store) == 1

    assert store.exists(kept) and store.backend.exists(object_key(kept))
    assert not store.exists(dropped) and not store.backend.exists(object_key(dropped))


def test_a_blob_put_but_not_yet_referenced_survives_gc(
    store: EncryptedBlobStore, frozen_clock: FrozenClock
) -> None:
    # The race: an upload has put its blob, its document row is not committed yet, and GC
    # runs in between. The lease keeps the blob.
    in_flight = store.put(io.BytesIO(b"document on its way")).sha256
    frozen_clock.advance(timedelta(hours=23))

    assert collect_garbage(set, store=store) == 0

    assert store.exists(in_flight)
    with store.open(in_flight) as stream:
        assert stream.read() == b"document on its way"


def test_a_duplicate_put_renews_the_lease(
    store: EncryptedBlobStore, frozen_clock: FrozenClock
) -> None:
    sha = store.put(io.BytesIO(b"uploaded again later")).sha256
    frozen_clock.advance(PAST_LEASE)
    store.put(io.BytesIO(b"uploaded again later"))

    assert collect_garbage(set, store=store) == 0
    assert store.exists(sha)


def test_referenced_is_asked_after_the_cutoff_is_fixed(
    store: EncryptedBlobStore, frozen_clock: FrozenClock
) -> None:
    sha = store.put(io.BytesIO(b"referenced while gc starts")).sha256
    frozen_clock.advance(PAST_LEASE)

    def referenced() -> set[str]:
        frozen_clock.advance(timedelta(days=3))  # a slow query must not widen the cut-off
        store.put(io.BytesIO(b"put while gc asks"))
        return {sha}

    assert collect_garbage(referenced, store=store) == 0
