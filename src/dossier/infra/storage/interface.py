"""The BlobStore port everything above infra uses, and the shapes it passes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Protocol


class Readable(Protocol):
    """Any binary file-like source: files, uploads, sockets, S3 bodies."""

    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True)
class BlobRef:
    """What `put` stored: the plaintext's SHA-256 and size; `new` is false for a duplicate."""

    sha256: str
    size: int
    new: bool


class BlobWriter(Protocol):
    """A put fed by its caller (push-style): bytes are hashed, encrypted and written as they
    are given, so a file arriving over the network is never spooled anywhere first."""

    size: int

    def write(self, data: bytes) -> None: ...

    def commit(self) -> BlobRef:
        """Store what was written, once per content, and lease it for GC, like `put`."""
        ...

    def discard(self) -> None:
        """Drop what was written; a no-op after `commit` or a first `discard`."""
        ...


class BlobStore(Protocol):
    def put(self, stream: Readable) -> BlobRef:
        """Store the stream's bytes (read in chunks), once per content; lease them for GC."""
        ...

    def writer(self) -> BlobWriter:
        """A push-style put; nothing of it is visible, or kept, until `commit`."""
        ...

    def open(self, sha256: str) -> BinaryIO:
        """The plaintext, decrypted chunk by chunk; raises BlobCorrupt when it fails to verify."""
        ...

    def exists(self, sha256: str) -> bool: ...

    def size(self, sha256: str) -> int:
        """The plaintext size in bytes."""
        ...

    def delete(self, sha256: str) -> None:
        """Remove the blob; deleting one that is not there is not an error."""
        ...
