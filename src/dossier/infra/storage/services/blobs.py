"""The BlobStore: hash and encrypt while streaming, one Blob row and one object per content."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO, cast

from django.conf import settings
from django.db import IntegrityError, transaction

from dossier.core import clock
from dossier.infra.storage import crypto
from dossier.infra.storage.backends import ObjectBackend, PendingObject, backend_for, object_key
from dossier.infra.storage.digest import Digest
from dossier.infra.storage.errors import BlobCorrupt, BlobNotFound
from dossier.infra.storage.interface import BlobRef, Readable
from dossier.infra.storage.keys import Keyring, parse_keys
from dossier.infra.storage.models import Blob
from dossier.infra.storage.streams import IteratorReader, chunks_of

# Longer than any transaction between a put and the commit of the document that points at it.
DEFAULT_LEASE = timedelta(hours=24)


class EncryptedBlobStore:
    """Implements `BlobStore` over any ObjectBackend; the Blob table is the source of truth."""

    def __init__(
        self,
        backend: ObjectBackend,
        keyring: Keyring,
        *,
        chunk_size: int = crypto.DEFAULT_CHUNK_SIZE,
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self.backend, self.keyring = backend, keyring
        self.chunk_size, self.lease = chunk_size, lease

    def put(self, stream: Readable) -> BlobRef:
        writer = self.writer()
        try:
            for chunk in chunks_of(stream, self.chunk_size):
                writer.write(chunk)
        except BaseException:
            writer.discard()
            raise
        return writer.commit()

    def writer(self) -> EncryptedBlobWriter:
        return EncryptedBlobWriter(self)

    def _record(
        self, sha256: str, size: int, stored: int, data_key: bytes, pending: PendingObject
    ) -> bool:
        """Lease an existing blob, or insert the row and commit the object together."""
        leased_until = clock.now() + self.lease
        key = object_key(sha256)
        if Blob.objects.filter(sha256=sha256).update(leased_until=leased_until):
            if self.backend.exists(key):
                pending.discard()
                return False
            return self._heal(sha256, stored, data_key, pending)
        key_id, wrapped = self.keyring.wrap(data_key)
        try:
            # A savepoint: if the object cannot be committed, the row goes too.
            with transaction.atomic():
                Blob.objects.create(
                    sha256=sha256,
                    size=size,
                    stored_size=stored,
                    wrapped_key=wrapped,
                    master_key_id=key_id,
                    created_at=clock.now(),
                    leased_until=leased_until,
                )
                pending.commit(key)
        except IntegrityError:
            # A concurrent put of the same content won; its row and object stand.
            Blob.objects.filter(sha256=sha256).update(leased_until=leased_until)
            pending.discard()
            return False
        return True

    def _heal(self, sha256: str, stored: int, data_key: bytes, pending: PendingObject) -> bool:
        # The row outlived its object (a deletion whose transaction rolled back after the
        # object was gone): this upload's copy becomes the blob's object.
        key_id, wrapped = self.keyring.wrap(data_key)
        with transaction.atomic():
            Blob.objects.filter(sha256=sha256).update(
                wrapped_key=wrapped, master_key_id=key_id, stored_size=stored
            )
            pending.commit(object_key(sha256))
        return True

    def open(self, sha256: str) -> BinaryIO:
        row = Blob.objects.filter(sha256=sha256).first()
        if row is None:
            raise BlobNotFound(f"no blob {sha256}")
        data_key = self.keyring.unwrap(row.master_key_id, bytes(row.wrapped_key))
        try:
            raw = self.backend.read(object_key(sha256))
        except KeyError:
            raise BlobCorrupt(f"blob {sha256} has no stored object") from None
        chunks = _verified(crypto.decrypt(data_key, raw), sha256, row.size)
        # Unbuffered: every reader loops until b"", and a buffer would copy each chunk once more.
        return cast(BinaryIO, IteratorReader(chunks, on_close=raw.close))

    def exists(self, sha256: str) -> bool:
        return Blob.objects.filter(sha256=sha256).exists()

    def size(self, sha256: str) -> int:
        size = Blob.objects.filter(sha256=sha256).values_list("size", flat=True).first()
        if size is None:
            raise BlobNotFound(f"no blob {sha256}")
        return size

    def delete(self, sha256: str) -> None:
        with transaction.atomic():
            row = Blob.objects.select_for_update().filter(sha256=sha256).first()
            if row is not None:
                self.remove(row)

    def remove(self, row: Blob) -> None:
        """Delete a locked row's object, then the row, before the lock is let go.

        The other order would let a concurrent put of the same content commit its object
        between the two steps, and then lose it.
        """
        self.backend.delete(object_key(row.sha256))
        row.delete()


class EncryptedBlobWriter:
    """Implements `BlobWriter`: a chunk is sealed and written as soon as a later byte shows it
    is not the last one, so at most one chunk of plaintext waits in memory."""

    def __init__(self, store: EncryptedBlobStore) -> None:
        self._store, self._chunk = store, store.chunk_size
        self._data_key = crypto.new_data_key()
        self._sealer = crypto.Sealer(self._data_key, self._chunk)
        # The content address is known only at the end, so the object goes to a temporary
        # place first; nothing here holds more than a chunk (a part, for S3) in memory.
        self._pending: PendingObject | None = store.backend.begin()
        self._digest, self._buffer = Digest(), bytearray()
        self.size, self._stored = 0, 0
        self._send(self._sealer.header)

    def write(self, data: bytes) -> None:
        self._digest.update(data)
        self.size += len(data)
        self._buffer += data
        if len(self._buffer) <= self._chunk:
            return
        full = (len(self._buffer) - 1) // self._chunk * self._chunk
        with memoryview(self._buffer) as view:
            for start in range(0, full, self._chunk):
                self._send(self._sealer.seal(view[start : start + self._chunk], final=False))
        del self._buffer[:full]

    def _send(self, piece: bytes) -> None:
        if self._pending is None:
            raise ValueError("the blob writer was committed or discarded")
        try:
            self._pending.write(piece)
        except BaseException:
            self.discard()
            raise
        self._stored += len(piece)

    def commit(self) -> BlobRef:
        self._send(self._sealer.seal(self._buffer, final=True))
        pending, self._pending = self._pending, None
        if pending is None:  # a failed final write discarded it
            raise ValueError("the blob writer was discarded")
        sha256 = self._digest.hexdigest()
        try:
            new = self._store._record(sha256, self.size, self._stored, self._data_key, pending)
        except BaseException:
            pending.discard()
            raise
        return BlobRef(sha256=sha256, size=self.size, new=new)

    def discard(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.discard()


def _verified(chunks: Iterator[tuple[bytes, bool]], sha256: str, size: int) -> Iterator[bytes]:
    """Pass chunks on, checking size and SHA-256 before the last one is released."""
    digest, seen = Digest(), 0
    for plain, final in chunks:
        digest.update(plain)
        seen += len(plain)
        if seen > size or (final and (seen != size or digest.hexdigest() != sha256)):
            raise BlobCorrupt(f"blob {sha256} does not match its checksum")
        yield plain


def keyring_from_settings() -> Keyring:
    path: Path | None = settings.MASTER_KEY_FILE
    if settings.MASTER_KEY or path is None:
        return Keyring(parse_keys(settings.MASTER_KEY, source="DOSSIER_MASTER_KEY"))
    return Keyring.from_file(path)


@functools.cache
def default_store() -> EncryptedBlobStore:
    """The store the settings describe, built once per process."""
    return EncryptedBlobStore(backend_for(settings.STORAGE), keyring_from_settings())
