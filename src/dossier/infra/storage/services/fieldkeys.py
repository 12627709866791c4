"""Data keys for values encrypted inside database rows, one per purpose, made on first use."""

from __future__ import annotations

import os

from django.db import IntegrityError, transaction

from dossier.core import clock
from dossier.infra.storage import crypto
from dossier.infra.storage.models import FieldKey
from dossier.infra.storage.services.blobs import default_store

_cache: dict[tuple[str, str, bytes], bytes] = {}


def field_key(name: str) -> bytes:
    """The 32-byte data key called `name`, unwrapped by the master key."""
    keyring = default_store().keyring
    row = FieldKey.objects.filter(name=name).first()
    if row is None:
        row = _create(name)
    cached = (row.name, row.master_key_id, bytes(row.wrapped_key))
    if cached not in _cache:
        _cache[cached] = keyring.unwrap(row.master_key_id, bytes(row.wrapped_key))
    return _cache[cached]


def _create(name: str) -> FieldKey:
    keyring = default_store().keyring
    active = keyring.active
    try:
        with transaction.atomic():
            return FieldKey.objects.create(
                name=name,
                wrapped_key=crypto.wrap_key(active.secret, os.urandom(32)),
                master_key_id=active.id,
                created_at=clock.now(),
            )
    except IntegrityError:  # another process made it first: use theirs
        return FieldKey.objects.get(name=name)
