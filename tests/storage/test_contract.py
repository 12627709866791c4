"""The BlobStore contract, run against the local folder and a real S3-compatible server."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from dossier.infra.storage.backends import object_key
from dossier.infra.storage.crypto import HEADER, TAG_SIZE
from dossier.infra.storage.errors import BlobCorrupt, BlobNotFound, MasterKeyUnavailable
from dossier.infra.storage.keys import Keyring, MasterKey
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services import EncryptedBlobStore
from tests.storage.conftest import CHUNK, raw_object, replace_object

SEGMENT = CHUNK + TAG_SIZE


def _segments(raw: bytes) -> tuple[bytes, list[bytes]]:
    body = raw[HEADER.size :]
    return raw[: HEADER.size], [body[i : i + SEGMENT] for i in range(0, len(body), SEGMENT)]


class TestRoundTrip:
    @pytest.mark.parametrize(
        "size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK, 5 * CHUNK + 7], ids=str
    )
    def test_what_goes_in_comes_out(self, store: EncryptedBlobStore, size: int) -> None:
        data = os.urandom(size)
        ref = store.put(io.BytesIO(data))
        assert (ref.sha256, ref.size, ref.new) == (hashlib.sha256(data).hexdigest(), size, True)
        with store.open(ref.sha256) as stream:
            assert stream.read() == data
        assert store.exists(ref.sha256) and store.size(ref.sha256) == size

    def test_reads_in_small_pieces_across_chunks(self, store: EncryptedBlobStore) -> None:
        data = os.urandom(3 * CHUNK + 5)
        ref = store.put(io.BytesIO(data))
        with store.open(ref.sha256) as stream:
            pieces = iter(lambda: stream.read(7), b"")
            assert b"".join(pieces) == data

    def test_the_stored_object_is_ciphertext_of_the_recorded_size(
        self, store: EncryptedBlobStore
    ) -> None:
        data = b"Zhang Wei 13800138000 " * 20
        ref = store.put(io.BytesIO(data))
        raw = raw_object(store, ref.sha256)
        assert b"13800138000" not in raw
        assert len(raw) == Blob.objects.get(pk=ref.sha256).stored_size
        assert store.backend.size(object_key(ref.sha256)) == len(raw)

    def test_unknown_blob_is_not_found(self, store: EncryptedBlobStore) -> None:
        missing = "0" * 64
        assert not store.exists(missing)
        with pytest.raises(BlobNotFound):
            store.open(missing)
        with pytest.raises(BlobNotFound):
            store.size(missing)

    def test_delete_removes_row_and_object_and_is_idempotent(
        self, store: EncryptedBlobStore
    ) -> None:
        ref = store.put(io.BytesIO(b"to be deleted"))
        store.delete(ref.sha256)
        assert not store.exists(ref.sha256)
        assert not store.backend.exists(object_key(ref.sha256))
        store.delete(ref.sha256)

    def test_a_big_object_goes_up_in_parts_and_reads_in_chunks(
        self, backend: object, keyring: Keyring, db: None
    ) -> None:
        # 20 MiB crosses the S3 part size, so the multipart upload and server-side copy run.
        store = EncryptedBlobStore(backend, keyring, chunk_size=1 << 16)  # type: ignore[arg-type]
        block = os.urandom(1 << 20)
        ref = store.put(io.BytesIO(block * 20))
        with store.open(ref.sha256) as stream:
            digest = hashlib.sha256()
            while piece := stream.read(1 << 16):
                assert len(piece) <= 1 << 16
                digest.update(piece)
        assert digest.hexdigest() == ref.sha256 == hashlib.sha256(block * 20).hexdigest()


class TestDedupe:
    def test_second_put_of_same_bytes_does_not_write_the_object_again(
        self, store: EncryptedBlobStore
    ) -> None:
        first = store.put(io.BytesIO(b"same contract, uploaded twice"))
        before = raw_object(store, first.sha256)
        second = store.put(io.BytesIO(b"same contract, uploaded twice"))
        # A rewrite would differ: every put draws a fresh data key and nonce prefix.
        assert raw_object(store, first.sha256) == before
        assert (second.sha256, second.new) == (first.sha256, False)
        assert Blob.objects.count() == 1

    def test_a_row_whose_object_was_lost_is_healed_by_the_next_put(
        self, store: EncryptedBlobStore
    ) -> None:
        ref = store.put(io.BytesIO(b"lost and found"))
        store.backend.delete(object_key(ref.sha256))
        assert store.put(io.BytesIO(b"lost and found")).new
        with store.open(ref.sha256) as stream:
            assert stream.read() == b"lost and found"


class TestTampering:
    DATA = bytes(range(256)) * 1 + b"tail"  # four full chunks and a short fifth

    def _stored(self, store: EncryptedBlobStore) -> tuple[str, bytes, list[bytes]]:
        ref = store.put(io.BytesIO(self.DATA))
        header, segments = _segments(raw_object(store, ref.sha256))
        assert len(segments) == 5
        return ref.sha256, header, segments

    def _read(self, store: EncryptedBlobStore, sha256: str) -> bytes:
        with store.open(sha256) as stream:
            return stream.read()

    def test_a_flipped_byte_in_a_chunk_is_detected(self, store: EncryptedBlobStore) -> None:
        sha, header, segments = self._stored(store)
        segments[1] = bytes([segments[1][0] ^ 1]) + segments[1][1:]
        replace_object(store, sha, header + b"".join(segments))
        with pytest.raises(BlobCorrupt, match="chunk 1"):
            self._read(store, sha)

    def test_swapped_chunks_are_detected(self, store: EncryptedBlobStore) -> None:
        sha, header, segments = self._stored(store)
        segments[0], segments[1] = segments[1], segments[0]
        replace_object(store, sha, header + b"".join(segments))
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    @pytest.mark.parametrize("keep", [0, 1, 4], ids=["no-chunks", "one-chunk", "last-dropped"])
    def test_a_truncated_object_is_detected(self, store: EncryptedBlobStore, keep: int) -> None:
        sha, header, segments = self._stored(store)
        replace_object(store, sha, header + b"".join(segments[:keep]))
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    def test_a_cut_inside_the_last_chunk_is_detected(self, store: EncryptedBlobStore) -> None:
        sha, header, segments = self._stored(store)
        replace_object(store, sha, header + b"".join(segments)[:-3])
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    def test_appended_bytes_are_detected(self, store: EncryptedBlobStore) -> None:
        sha, header, segments = self._stored(store)
        replace_object(store, sha, header + b"".join(segments) + segments[-1])
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    def test_an_edited_header_is_detected(self, store: EncryptedBlobStore) -> None:
        sha, header, segments = self._stored(store)
        edited = header[:-1] + bytes([header[-1] ^ 1])  # the nonce prefix
        replace_object(store, sha, edited + b"".join(segments))
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    def test_another_blobs_object_in_its_place_is_detected(self, store: EncryptedBlobStore) -> None:
        sha, _, _ = self._stored(store)
        other = store.put(io.BytesIO(b"a different file"))
        replace_object(store, sha, raw_object(store, other.sha256))
        with pytest.raises(BlobCorrupt):
            self._read(store, sha)

    def test_a_lost_object_is_corrupt_not_missing(self, store: EncryptedBlobStore) -> None:
        sha, _, _ = self._stored(store)
        store.backend.delete(object_key(sha))
        with pytest.raises(BlobCorrupt):
            store.open(sha)

    def test_a_wrong_recorded_checksum_is_detected(self, store: EncryptedBlobStore) -> None:
        # Row and object moved together under another name: every chunk authenticates, the
        # plaintext hash does not match.
        sha, *_ = self._stored(store)
        fake = "f" * 64
        row = Blob.objects.get(pk=sha)
        Blob.objects.create(
            sha256=fake,
            size=row.size,
            stored_size=row.stored_size,
            wrapped_key=row.wrapped_key,
            master_key_id=row.master_key_id,
            created_at=row.created_at,
            leased_until=row.leased_until,
        )
        replace_object(store, fake, raw_object(store, sha))
        with pytest.raises(BlobCorrupt, match="checksum"):
            self._read(store, fake)


class TestMasterKeys:
    def test_a_store_with_another_master_key_cannot_read(self, store: EncryptedBlobStore) -> None:
        ref = store.put(io.BytesIO(b"secret"))
        stranger = EncryptedBlobStore(store.backend, Keyring([MasterKey.generate()]))
        with pytest.raises(MasterKeyUnavailable):
            stranger.open(ref.sha256)

    def test_a_tampered_wrapped_key_is_refused(self, store: EncryptedBlobStore) -> None:
        ref = store.put(io.BytesIO(b"secret"))
        row = Blob.objects.get(pk=ref.sha256)
        wrapped = bytes(row.wrapped_key)
        Blob.objects.filter(pk=ref.sha256).update(wrapped_key=bytes([wrapped[0] ^ 1]) + wrapped[1:])
        with pytest.raises(MasterKeyUnavailable):
            store.open(ref.sha256)
