"""Master-key rotation re-wraps data keys, keeps every blob readable, and retires old keys."""

from __future__ import annotations

import io

import pytest

from dossier.infra.storage.errors import MasterKeyUnavailable
from dossier.infra.storage.keys import Keyring, MasterKey
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services import EncryptedBlobStore, keys, rotate_master_key
from tests.storage.conftest import raw_object

CONTENTS = [b"", b"contract.pdf", b"x" * 1000]


def _put_all(store: EncryptedBlobStore) -> list[str]:
    return [store.put(io.BytesIO(data)).sha256 for data in CONTENTS]


def _read_all(store: EncryptedBlobStore, hashes: list[str]) -> list[bytes]:
    result = []
    for sha in hashes:
        with store.open(sha) as stream:
            result.append(stream.read())
    return result


def test_rotation_rewraps_every_key_and_retires_the_old_one(store: EncryptedBlobStore) -> None:
    hashes = _put_all(store)
    old = store.keyring.active
    wrapped_before = {row.pk: bytes(row.wrapped_key) for row in Blob.objects.all()}
    objects_before = [raw_object(store, sha) for sha in hashes]

    result = rotate_master_key(store.keyring)

    assert (result.rewrapped, result.retired, result.still_used) == (3, [old.id], [])
    assert set(Blob.objects.values_list("master_key_id", flat=True)) == {result.active_id}
    assert all(bytes(row.wrapped_key) != wrapped_before[row.pk] for row in Blob.objects.all())
    # Objects are not re-encrypted, and the key file no longer holds the old key.
    assert [raw_object(store, sha) for sha in hashes] == objects_before
    assert store.keyring.path is not None
    assert old.encoded() not in store.keyring.path.read_text()
    assert [key.id for key in Keyring.from_file(store.keyring.path).keys] == [result.active_id]
    assert _read_all(store, hashes) == CONTENTS


def test_an_interrupted_rotation_keeps_everything_readable_and_can_finish(
    store: EncryptedBlobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashes = _put_all(store)
    real, calls = keys._rewrap_batch, []

    def fail_second_batch(*args: object, **kwargs: object) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(keys, "_rewrap_batch", fail_second_batch)
    with pytest.raises(KeyboardInterrupt):
        rotate_master_key(store.keyring, batch=1)
    assert len(set(Blob.objects.values_list("master_key_id", flat=True))) == 2
    assert len(store.keyring.keys) == 2
    assert _read_all(store, hashes) == CONTENTS

    monkeypatch.setattr(keys, "_rewrap_batch", real)
    result = rotate_master_key(store.keyring)
    assert len(result.retired) == 2 and len(store.keyring.keys) == 1
    assert _read_all(store, hashes) == CONTENTS


def test_with_environment_keys_the_first_listed_becomes_the_wrapping_key(
    store: EncryptedBlobStore,
) -> None:
    old = MasterKey.generate()
    store.keyring = Keyring([old])
    hashes = _put_all(store)
    new = MasterKey.generate()
    store.keyring = Keyring([new, old])  # DOSSIER_MASTER_KEY=NEW,OLD

    result = rotate_master_key(store.keyring)

    assert (result.active_id, result.retired) == (new.id, [old.id])
    store.keyring = Keyring([new])  # the operator drops OLD from the variable
    assert _read_all(store, hashes) == CONTENTS


def test_a_blob_under_a_missing_key_stops_the_rotation(store: EncryptedBlobStore) -> None:
    store.put(io.BytesIO(b"orphan"))
    Blob.objects.update(master_key_id="0" * 16)
    with pytest.raises(MasterKeyUnavailable, match="not configured"):
        rotate_master_key(store.keyring)
