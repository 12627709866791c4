"""Master-key rotation: re-wrap every data key under the active key; objects stay untouched."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from dossier.infra.storage import crypto
from dossier.infra.storage.keys import Keyring, MasterKey
from dossier.infra.storage.models import Blob, FieldKey
from dossier.infra.storage.services.blobs import default_store

BATCH = 500


@dataclass(frozen=True)
class Rotation:
    active_id: str
    rewrapped: int
    retired: list[str]  # ids no blob uses any more: dropped from the key file, if there is one
    still_used: list[str]  # older ids some blob still names (a put that raced the rotation)


def rotate_master_key(keyring: Keyring | None = None, *, batch: int = BATCH) -> Rotation:
    """With a key file: add a new active key to it first. Then re-wrap, then retire old keys.

    Each batch commits on its own, so an interrupted rotation keeps what it did and can be
    run again; old keys stay in the ring (and readable) until no blob names them.
    With DOSSIER_MASTER_KEY the new key is the first one listed there.
    """
    keyring = keyring or default_store().keyring
    if keyring.path is not None:
        keyring.replace([MasterKey.generate(), *keyring.keys])
    active = keyring.active
    rewrapped = 0
    while count := _rewrap_batch(keyring, active, batch):
        rewrapped += count
    rewrapped += _rewrap_field_keys(keyring, active)
    used = set(Blob.objects.values_list("master_key_id", flat=True).distinct())
    used |= set(FieldKey.objects.values_list("master_key_id", flat=True).distinct())
    older = keyring.keys[1:]
    retired = [key for key in older if key.id not in used]
    if keyring.path is not None and retired:
        keyring.replace([key for key in keyring.keys if key not in retired])
    return Rotation(
        active_id=active.id,
        rewrapped=rewrapped,
        retired=[key.id for key in retired],
        still_used=sorted(key.id for key in older if key.id in used),
    )


def _rewrap_field_keys(keyring: Keyring, active: MasterKey) -> int:
    with transaction.atomic():
        rows = list(FieldKey.objects.select_for_update().exclude(master_key_id=active.id))
        for row in rows:
            data_key = keyring.unwrap(row.master_key_id, bytes(row.wrapped_key))
            row.wrapped_key = crypto.wrap_key(active.secret, data_key)
            row.master_key_id = active.id
        FieldKey.objects.bulk_update(rows, ["wrapped_key", "master_key_id"])
    return len(rows)


def _rewrap_batch(keyring: Keyring, active: MasterKey, batch: int) -> int:
    with transaction.atomic():
        rows = list(
            Blob.objects.select_for_update()
            .exclude(master_key_id=active.id)
            .order_by("sha256")
            .only("sha256", "wrapped_key", "master_key_id")[:batch]
        )
        for row in rows:
            data_key = keyring.unwrap(row.master_key_id, bytes(row.wrapped_key))
            row.wrapped_key = crypto.wrap_key(active.secret, data_key)
            row.master_key_id = active.id
        Blob.objects.bulk_update(rows, ["wrapped_key", "master_key_id"])
    return len(rows)
