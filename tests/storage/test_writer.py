"""The push-style put (`BlobStore.writer`), on the local folder and a real S3-compatible server."""

from __future__ import annotations

import hashlib
import io
import os

import pytest

from dossier.infra.storage.backends import object_key
from dossier.infra.storage.backends.local import TEMP_DIR, LocalBackend
from dossier.infra.storage.crypto import stored_size
from dossier.infra.storage.models import Blob
from dossier.infra.storage.services import EncryptedBlobStore
from tests.storage.conftest import CHUNK, raw_object


def leftovers(store: EncryptedBlobStore) -> list[str]:
    """Whatever a put left behind outside committed objects: temp files, multipart uploads."""
    backend = store.backend
    if isinstance(backend, LocalBackend):
        temp = backend.root / TEMP_DIR
        return sorted(p.name for p in temp.iterdir()) if temp.exists() else []
    client, bucket = backend.client, backend.bucket  # type: ignore[attr-defined]
    uploads = client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    objects = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return [u["Key"] for u in uploads] + [o["Key"] for o in objects if "/.tmp/" in o["Key"]]


def pieces(data: bytes, sizes: list[int]) -> list[bytes]:
    out, at = [], 0
    for size in sizes:
        out.append(data[at : at + size])
        at += size
    return [*out, data[at:]]


class TestWriter:
    @pytest.mark.parametrize(
        "sizes",
        [[], [1], [CHUNK], [CHUNK - 1, 1], [1, CHUNK, 3 * CHUNK + 5, 2], [7] * 40],
        ids=str,
    )
    def test_pieces_of_any_size_store_what_put_stores(
        self, store: EncryptedBlobStore, sizes: list[int]
    ) -> None:
        data = os.urandom(sum(sizes) + 3)
        writer = store.writer()
        for piece in pieces(data, sizes):
            writer.write(piece)
        ref = writer.commit()
        assert (ref.sha256, ref.size, ref.new) == (
            hashlib.sha256(data).hexdigest(),
            len(data),
            True,
        )
        with store.open(ref.sha256) as stream:
            assert stream.read() == data
        assert store.put(io.BytesIO(data)).new is False  # the same blob, content-addressed
        assert leftovers(store) == []

    @pytest.mark.parametrize("size", [0, CHUNK, 4 * CHUNK], ids=str)
    def test_chunk_boundaries_and_empty_content(self, store: EncryptedBlobStore, size: int) -> None:
        data = os.urandom(size)
        writer = store.writer()
        writer.write(data)
        ref = writer.commit()
        with store.open(ref.sha256) as stream:
            assert stream.read() == data
        # The same framing as a put: a full last chunk is final itself, empty content is one
        # sealed empty chunk.
        assert len(raw_object(store, ref.sha256)) == stored_size(size, CHUNK)
        assert Blob.objects.get(pk=ref.sha256).stored_size == stored_size(size, CHUNK)

    def test_nothing_is_visible_until_commit(self, store: EncryptedBlobStore) -> None:
        data = os.urandom(5 * CHUNK)
        sha256 = hashlib.sha256(data).hexdigest()
        writer = store.writer()
        writer.write(data)
        assert writer.size == len(data)
        assert not store.exists(sha256)
        assert not store.backend.exists(object_key(sha256))
        writer.commit()
        assert store.exists(sha256) and store.backend.exists(object_key(sha256))

    def test_a_discarded_writer_leaves_nothing(self, store: EncryptedBlobStore) -> None:
        data = os.urandom(5 * CHUNK)
        writer = store.writer()
        writer.write(data)
        writer.discard()
        writer.discard()  # twice is fine: the request's clean-up may come after the service's
        assert not store.exists(hashlib.sha256(data).hexdigest())
        assert leftovers(store) == []
        with pytest.raises(ValueError, match="discarded"):
            writer.commit()

    def test_discard_after_commit_keeps_the_blob(self, store: EncryptedBlobStore) -> None:
        writer = store.writer()
        writer.write(b"kept")
        ref = writer.commit()
        writer.discard()
        with store.open(ref.sha256) as stream:
            assert stream.read() == b"kept"

    def test_a_big_object_written_in_pieces_goes_up_in_parts(
        self, store: EncryptedBlobStore
    ) -> None:
        # 20 MiB crosses the S3 part size, so the multipart upload and server-side copy run.
        big = EncryptedBlobStore(store.backend, store.keyring, chunk_size=1 << 16)
        block = os.urandom(1 << 20)
        writer = big.writer()
        for _ in range(20):
            writer.write(block[:1000])
            writer.write(block[1000:])
        ref = writer.commit()
        assert ref.sha256 == hashlib.sha256(block * 20).hexdigest()
        with big.open(ref.sha256) as stream:
            assert stream.read() == block * 20
        assert leftovers(store) == []
