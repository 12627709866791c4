"""Memory stays flat: sources are read a chunk at a time, and a 256 MiB file never sits in RAM."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc
from pathlib import Path

import pytest

from dossier.infra.storage.backends.local import LocalBackend
from dossier.infra.storage.keys import Keyring
from dossier.infra.storage.services import EncryptedBlobStore
from dossier.infra.storage.streams import IteratorReader
from tests.storage.conftest import CHUNK

MIB = 1 << 20


class GeneratedStream(io.RawIOBase):
    """`size` bytes made on demand (never held), hashed as they go, each read's size noted."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.left, self.block = size, os.urandom(MIB + 7)
        self.digest, self.reads, self.offset = hashlib.sha256(), [], 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1, /) -> bytes:
        self.reads.append(size)
        size = self.left if size < 0 else min(size, self.left, MIB)
        start = self.offset % len(self.block)
        piece = (self.block[start:] + self.block)[:size]
        self.left, self.offset = self.left - size, self.offset + size
        self.digest.update(piece)
        return piece


def test_put_reads_the_source_one_chunk_at_a_time(store: EncryptedBlobStore) -> None:
    source = GeneratedStream(40 * CHUNK + 3)
    store.put(source)
    assert all(0 < size <= CHUNK for size in source.reads)
    assert len(source.reads) == 43  # 41 chunks, the rest of the short last one, the end


def test_open_reads_the_object_one_segment_at_a_time(store: EncryptedBlobStore) -> None:
    ref = store.put(io.BytesIO(os.urandom(40 * CHUNK)))
    sizes: list[int] = []
    real_read = store.backend.read

    def recording_read(key: str) -> object:
        raw = real_read(key)
        original = raw.read

        def read(size: int = -1, /) -> bytes:
            sizes.append(size)
            return original(size)

        raw.read = read  # type: ignore[method-assign]
        return raw

    store.backend.read = recording_read  # type: ignore[method-assign, assignment]
    with store.open(ref.sha256) as stream:
        stream.read()
    assert sizes and all(0 < size <= CHUNK + 16 for size in sizes)


def test_whole_chunks_are_handed_over_without_a_copy() -> None:
    chunks = [os.urandom(CHUNK), os.urandom(CHUNK), os.urandom(5)]
    reader = IteratorReader(iter(chunks))
    assert reader.read(CHUNK) is chunks[0]  # the download path: one chunk per read
    assert reader.read(3) == chunks[1][:3]  # smaller reads still work, across chunks
    assert reader.read(2 * CHUNK) == chunks[1][3:]
    assert reader.read() == chunks[2]
    assert reader.read(1) == b""


@pytest.mark.django_db
def test_a_256_mib_file_goes_in_and_out_in_flat_memory(tmp_path: Path, keyring: Keyring) -> None:
    store = EncryptedBlobStore(LocalBackend(tmp_path / "files"), keyring)  # real 1 MiB chunks
    source = GeneratedStream(256 * MIB)
    tracemalloc.start()
    try:
        ref = store.put(source)
        _, put_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        digest = hashlib.sha256()
        with store.open(ref.sha256) as stream:
            while piece := stream.read(MIB):
                digest.update(piece)
        _, open_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ref.sha256 == source.digest.hexdigest() == digest.hexdigest()
    assert ref.size == 256 * MIB
    # A handful of 1 MiB buffers, nowhere near the file's 256 MiB.
    assert put_peak < 16 * MIB, put_peak
    assert open_peak < 16 * MIB, open_peak
