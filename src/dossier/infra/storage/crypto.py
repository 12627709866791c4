"""The encrypted blob format: chunked AES-256-GCM in the STREAM style, data keys wrapped by AES-KW.

Layout: header (magic, chunk size, 7-byte nonce prefix), then one sealed segment per plaintext
chunk. Segment i uses nonce = prefix ‖ i (4 bytes) ‖ final flag (1 byte) and the header as
associated data, so a changed, reordered, dropped, appended or truncated segment, or an edited
header, fails authentication. Empty content is one sealed empty final segment.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from dossier.infra.storage.errors import BlobCorrupt, MasterKeyUnavailable
from dossier.infra.storage.interface import Readable
from dossier.infra.storage.streams import read_exact

MAGIC = b"DSB1"
HEADER = struct.Struct(">4sI7s")
TAG_SIZE = 16
DEFAULT_CHUNK_SIZE = 1 << 20
# A tampered header must not make a reader allocate gigabytes for one chunk.
MAX_CHUNK_SIZE = 64 << 20
MAX_CHUNKS = 1 << 32


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(master: bytes, data_key: bytes) -> bytes:
    return aes_key_wrap(master, data_key)


def unwrap_key(master: bytes, wrapped: bytes) -> bytes:
    try:
        return aes_key_unwrap(master, wrapped)
    except InvalidUnwrap:
        raise MasterKeyUnavailable("the master key does not unwrap this data key") from None


def stored_size(plain_size: int, chunk_size: int) -> int:
    """Bytes the encrypted object takes for `plain_size` bytes of plaintext."""
    chunks = max(1, -(-plain_size // chunk_size))
    return HEADER.size + plain_size + chunks * TAG_SIZE


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= MAX_CHUNKS:
        raise BlobCorrupt("blob has more chunks than the format allows")
    return prefix + struct.pack(">IB", index, final)


class Sealer:
    """Seals one blob chunk by chunk: the header first, then each chunk as it is given."""

    def __init__(self, data_key: bytes, chunk_size: int) -> None:
        if not 0 < chunk_size <= MAX_CHUNK_SIZE:
            raise ValueError(f"chunk size must be 1 … {MAX_CHUNK_SIZE} bytes")
        self.header = HEADER.pack(MAGIC, chunk_size, os.urandom(7))
        self._prefix, self._aead, self._index = self.header[-7:], AESGCM(data_key), 0

    def seal(self, chunk: bytes | bytearray | memoryview, *, final: bool) -> bytes:
        """The next segment; every chunk but the final one must be `chunk_size` long."""
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, final), chunk, self.header)
        self._index += 1
        return sealed


def encrypt(data_key: bytes, chunks: Iterable[bytes], chunk_size: int) -> Iterator[bytes]:
    """Header, then one sealed segment per chunk (all `chunk_size` long but the last)."""
    sealer = Sealer(data_key, chunk_size)
    yield sealer.header
    pending = None
    for chunk in chunks:
        if pending is not None:
            yield sealer.seal(pending, final=False)
        pending = chunk
    # Sealing only once the next chunk is known is what lets the last one carry the flag.
    yield sealer.seal(pending or b"", final=True)


def decrypt(data_key: bytes, source: Readable) -> Iterator[tuple[bytes, bool]]:
    """(plaintext chunk, is_final) pairs; raises BlobCorrupt on any failed check."""
    header = read_exact(source, HEADER.size)
    if len(header) < HEADER.size:
        raise BlobCorrupt("blob is truncated: incomplete header")
    magic, chunk_size, prefix = HEADER.unpack(header)
    if magic != MAGIC or not 0 < chunk_size <= MAX_CHUNK_SIZE:
        raise BlobCorrupt("blob header is not a Dossier blob header")
    aead, segment_size = AESGCM(data_key), chunk_size + TAG_SIZE
    segment, index = read_exact(source, segment_size), 0
    while True:
        if len(segment) < TAG_SIZE:
            raise BlobCorrupt("blob is truncated: final chunk missing")
        following = read_exact(source, segment_size)
        final = not following
        try:
            plain = aead.decrypt(_nonce(prefix, index, final), segment, header)
        except InvalidTag:
            raise BlobCorrupt(f"blob chunk {index} failed authentication") from None
        yield plain, final
        if final:
            return
        segment, index = following, index + 1
