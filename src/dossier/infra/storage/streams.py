"""Chunked reading of any binary source, and an iterator of chunks seen as a file."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from dossier.infra.storage.interface import Readable


def read_exact(source: Readable, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end: sockets and pipes return short reads."""
    first = source.read(size)
    if len(first) == size or not first:
        return first
    parts = [first]
    missing = size - len(first)
    while missing:
        more = source.read(missing)
        if not more:
            break
        parts.append(more)
        missing -= len(more)
    return b"".join(parts)


def chunks_of(source: Readable, size: int) -> Iterator[bytes]:
    """The source in chunks of exactly `size` bytes, the last one shorter; none when empty."""
    while chunk := read_exact(source, size):
        yield chunk


class IteratorReader(io.RawIOBase):
    """A read-only binary file over an iterator of byte chunks, pulling one chunk at a time."""

    def __init__(
        self, chunks: Iterator[bytes], *, on_close: Callable[[], object] | None = None
    ) -> None:
        super().__init__()
        self._chunks = chunks
        self._buffer = memoryview(b"")
        self._on_close = on_close

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1, /) -> bytes:
        # A caller that takes a whole chunk (a download reads one chunk at a time) gets it as
        # it is, without the copy into its buffer that readinto makes.
        if size < 0:
            return self.readall()
        if not self._buffer and size:
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            if size >= len(chunk):
                return chunk
            self._buffer = memoryview(chunk)
        return super().read(size) or b""

    def readall(self) -> bytes:
        rest, self._buffer = bytes(self._buffer), memoryview(b"")
        return b"".join([rest, *self._chunks])

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer = memoryview(chunk)
        count = min(len(target), len(self._buffer))
        target[:count] = self._buffer[:count]
        self._buffer = self._buffer[count:]
        return count

    def close(self) -> None:
        if not self.closed and self._on_close is not None:
            self._on_close()
        super().close()
