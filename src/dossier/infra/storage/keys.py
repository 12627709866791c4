"""Master keys: a keyring from DOSSIER_MASTER_KEY or the kept key file; ids for rotation."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from dossier.infra.storage import crypto
from dossier.infra.storage.errors import MasterKeyUnavailable

KEY_SIZE = 32


@dataclass(frozen=True)
class MasterKey:
    """An AES-256 key; its id is derived from it, so an id can never name the wrong key."""

    secret: bytes = field(repr=False)

    @property
    def id(self) -> str:
        return hashlib.sha256(b"dossier master key id\0" + self.secret).hexdigest()[:16]

    @classmethod
    def generate(cls) -> MasterKey:
        return cls(secrets.token_bytes(KEY_SIZE))

    def encoded(self) -> str:
        return base64.b64encode(self.secret).decode()


def parse_keys(text: str, *, source: str) -> list[MasterKey]:
    """Base64 keys separated by commas or lines (`#` starts a comment); the first is active."""
    keys = []
    for raw in text.replace(",", "\n").splitlines():
        item = raw.split("#", 1)[0].strip()
        if not item:
            continue
        try:
            secret = base64.b64decode(item, validate=True)
        except (binascii.Error, ValueError):
            raise MasterKeyUnavailable(f"{source}: a master key is not valid base64") from None
        if len(secret) != KEY_SIZE:
            raise MasterKeyUnavailable(f"{source}: a master key must be 32 bytes (base64 of 32)")
        keys.append(MasterKey(secret))
    if not keys:
        raise MasterKeyUnavailable(f"{source}: no master key")
    return keys


class Keyring:
    """The active key wraps new data keys; every listed key still unwraps old ones."""

    def __init__(self, keys: list[MasterKey], *, path: Path | None = None) -> None:
        self.path = path
        self._keys = list(keys)
        self._stamp = self._file_stamp()

    @classmethod
    def from_file(cls, path: Path) -> Keyring:
        return cls(parse_keys(path.read_text(), source=str(path)), path=path)

    @property
    def keys(self) -> list[MasterKey]:
        self._refresh()
        return list(self._keys)

    @property
    def active(self) -> MasterKey:
        return self.keys[0]

    def get(self, key_id: str) -> MasterKey:
        for key in self.keys:
            if key.id == key_id:
                return key
        raise MasterKeyUnavailable(f"master key {key_id} is not configured")

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        active = self.active
        return active.id, crypto.wrap_key(active.secret, data_key)

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        return crypto.unwrap_key(self.get(key_id).secret, wrapped)

    def replace(self, keys: list[MasterKey]) -> None:
        """Make `keys` the ring (first active), writing them to the key file when there is one."""
        if self.path is not None:
            _write_keys(self.path, keys)
        self._keys, self._stamp = list(keys), self._file_stamp()

    def _file_stamp(self) -> tuple[int, int] | None:
        if self.path is None:
            return None
        stat = self.path.stat()
        return stat.st_mtime_ns, stat.st_ino

    def _refresh(self) -> None:
        # Another process (`dossier keys rotate`) may have rewritten the file: a stat per use
        # keeps every process on the current active key without restarting it.
        if self.path is not None and self._file_stamp() != self._stamp:
            self._keys = parse_keys(self.path.read_text(), source=str(self.path))
            self._stamp = self._file_stamp()


def _write_keys(path: Path, keys: list[MasterKey]) -> None:
    """Replace the key file atomically (temp file, fsync, rename), readable by its owner only."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("".join(f"{key.encoded()}\n" for key in keys))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
