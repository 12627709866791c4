"""Sensitive template fields (ID numbers, bank accounts …): encrypted at rest, masked on read.

A sensitive value is stored as ``{"enc": "<AES-GCM token>", "bi": "<blind index>"}`` in the
record's `custom` JSON and in its revisions, so neither the table nor the history holds it in
clear. The blind index (a keyed HMAC of the value) lets "unique" rules compare values without
decrypting them. Reading goes through `reveal`, which masks (110***********1234) unless the
actor may see sensitive fields.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from dossier.access.policy import has_perm
from dossier.core.actor import Actor
from dossier.infra.storage.services import field_key

KEY_NAME = "customer-fields"
AAD = b"dossier sensitive field v1"


def _keys() -> tuple[bytes, bytes]:
    key = field_key(KEY_NAME)
    return key, hashlib.sha256(b"blind index\0" + key).digest()


def is_sealed(value: object) -> bool:
    return isinstance(value, Mapping) and "enc" in value and "bi" in value


def blind_index(value: object, keys: tuple[bytes, bytes] | None = None) -> str:
    _key, index_key = keys or _keys()
    plain = json.dumps(value, ensure_ascii=False, sort_keys=True).encode()
    return hmac.new(index_key, plain, hashlib.sha256).hexdigest()[:32]


def seal(value: object) -> dict[str, str]:
    keys = _keys()
    nonce = os.urandom(12)
    plain = json.dumps(value, ensure_ascii=False).encode()
    token = base64.urlsafe_b64encode(nonce + AESGCM(keys[0]).encrypt(nonce, plain, AAD)).decode()
    return {"enc": token, "bi": blind_index(value, keys)}


def unseal(value: object, keys: tuple[bytes, bytes] | None = None) -> Any:
    """The clear value of a sealed one; anything else is returned as it is (values stored
    before the field was made sensitive stay readable)."""
    if not is_sealed(value):
        return value
    key, _index_key = keys or _keys()
    raw = base64.urlsafe_b64decode(str(value["enc"]))  # type: ignore[index]
    return json.loads(AESGCM(key).decrypt(raw[:12], raw[12:], AAD))


def mask(value: object) -> str:
    """Enough to recognise a value, not to use it: the first 3 and last 4 characters."""
    text = str(value)
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def may_see(actor: Actor) -> bool:
    return has_perm(actor, "customer.view_sensitive")


class Revealer:
    """Shows records' custom values to one actor: sensitive ones clear or masked. One per
    page or answer, so the template and the field key are read once, not once per record."""

    def __init__(self, actor: Actor, sensitive: Callable[[], set[str]]) -> None:
        self.clear = may_see(actor)
        self._sensitive = sensitive
        self._keys: tuple[bytes, bytes] | None = None

    @cached_property
    def sensitive(self) -> set[str]:
        return self._sensitive()

    def reveal(self, custom: Mapping[str, Any]) -> dict[str, Any]:
        shown: dict[str, Any] = {}
        for key, value in custom.items():
            if is_sealed(value) or (key in self.sensitive and value not in (None, "")):
                self._keys = self._keys or _keys()
                plain = unseal(value, self._keys)
                shown[key] = plain if self.clear or plain in (None, "") else mask(plain)
            else:
                shown[key] = value
        return shown
