"""The encrypted format on its own: decrypt of encrypt is identity; any change is caught."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.infra.storage import crypto
from dossier.infra.storage.errors import BlobCorrupt
from dossier.infra.storage.streams import chunks_of

KEY = crypto.new_data_key()


def _encrypt(data: bytes, chunk_size: int) -> bytes:
    return b"".join(crypto.encrypt(KEY, chunks_of(io.BytesIO(data), chunk_size), chunk_size))


def _decrypt(blob: bytes) -> bytes:
    return b"".join(plain for plain, _ in crypto.decrypt(KEY, io.BytesIO(blob)))


@given(data=st.binary(max_size=4096), chunk_size=st.integers(min_value=1, max_value=700))
def test_decrypt_of_encrypt_is_identity(data: bytes, chunk_size: int) -> None:
    blob = _encrypt(data, chunk_size)
    assert _decrypt(blob) == data
    assert len(blob) == crypto.stored_size(len(data), chunk_size)


@settings(max_examples=200)
@given(
    data=st.binary(min_size=1, max_size=600),
    chunk_size=st.integers(min_value=1, max_value=128),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    flip=st.integers(min_value=1, max_value=255),
)
def test_any_changed_byte_is_caught(data: bytes, chunk_size: int, where: float, flip: int) -> None:
    blob = bytearray(_encrypt(data, chunk_size))
    blob[int(where * len(blob))] ^= flip
    with pytest.raises(BlobCorrupt):
        _decrypt(bytes(blob))


@given(data=st.binary(max_size=600), chunk_size=st.integers(1, 64), cut=st.integers(1, 2000))
def test_any_truncation_is_caught(data: bytes, chunk_size: int, cut: int) -> None:
    blob = _encrypt(data, chunk_size)
    with pytest.raises(BlobCorrupt):
        _decrypt(blob[: max(0, len(blob) - cut)])


def test_only_the_last_chunk_is_marked_final() -> None:
    blob = _encrypt(b"abcdefgh", 4)
    assert [final for _, final in crypto.decrypt(KEY, io.BytesIO(blob))] == [False, True]


def test_a_header_claiming_huge_chunks_is_refused_before_reading_them() -> None:
    blob = bytearray(_encrypt(b"abc", 4))
    blob[4:8] = (crypto.MAX_CHUNK_SIZE + 1).to_bytes(4, "big")
    with pytest.raises(BlobCorrupt, match="header"):
        _decrypt(bytes(blob))


def test_the_wrong_data_key_cannot_decrypt() -> None:
    blob = _encrypt(b"private", 4)
    with pytest.raises(BlobCorrupt):
        b"".join(p for p, _ in crypto.decrypt(crypto.new_data_key(), io.BytesIO(blob)))
