"""Where encrypted objects are kept: the ObjectBackend port and the backend a config names."""

from __future__ import annotations

from typing import Protocol

from dossier.infra.config import StorageConfig
from dossier.infra.storage.interface import Readable


class PendingObject(Protocol):
    """An object being written; invisible until `commit`, gone after `discard`."""

    def write(self, data: bytes) -> None: ...

    def commit(self, key: str) -> None:
        """Make the written bytes the object `key`, durably, replacing any earlier one."""
        ...

    def discard(self) -> None: ...


class ReadableObject(Readable, Protocol):
    def close(self) -> None: ...


class ObjectBackend(Protocol):
    def begin(self) -> PendingObject: ...

    def read(self, key: str) -> ReadableObject:
        """The object's bytes as a stream; raises KeyError when there is no such object."""
        ...

    def exists(self, key: str) -> bool: ...

    def size(self, key: str) -> int: ...

    def delete(self, key: str) -> None: ...


def object_key(sha256: str) -> str:
    """Fan-out by the first two byte pairs, so no directory or listing grows too large."""
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"


def backend_for(config: StorageConfig) -> ObjectBackend:
    if config.backend == "s3":
        from dossier.infra.storage.backends.s3 import S3Backend

        return S3Backend.from_config(config)
    from dossier.infra.storage.backends.local import LocalBackend

    return LocalBackend(config.root)
