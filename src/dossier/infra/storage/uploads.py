"""A Django upload handler that feeds each file of a multipart body to `BlobStore.writer()`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from dossier.infra.storage.interface import BlobRef, BlobStore, BlobWriter

if TYPE_CHECKING:
    _UploadedFile = UploadedFile[bytes]
else:  # Django's class is not subscriptable at run time
    _UploadedFile = UploadedFile

# The parser reads the body this much at a time; larger pieces mean fewer trips through
# Django's multipart parser (which copies each piece a few times) for the same memory bound.
PARSE_CHUNK = 1 << 20


class StreamedUpload(_UploadedFile):
    """A file part that was hashed, encrypted and written to the store while it was parsed.

    It cannot be read back: `head` keeps its first bytes (enough to sniff the type), `size`
    counts every byte received, also past the limit, and `commit` turns it into a blob in the
    caller's transaction. A part nobody commits is discarded when the request ends.
    """

    def __init__(
        self,
        writer: BlobWriter | None,
        *,
        head: bytes,
        size: int,
        name: str | None,
        content_type: str | None,
        charset: str | None,
        content_type_extra: dict[str, Any] | None,
    ) -> None:
        super().__init__(None, name, content_type, size, charset, content_type_extra)
        self.writer, self.head = writer, head

    @property
    def over_limit(self) -> bool:
        """Past the handler's limit the bytes were dropped, not stored."""
        return self.writer is None

    def commit(self) -> BlobRef:
        if self.writer is None:
            raise ValueError("this upload was larger than the limit and was not stored")
        return self.writer.commit()

    def read(self, *args: object) -> bytes:
        raise OSError("a streamed upload is in the blob store; open the blob to read it")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.discard()


class BlobUploadHandler(FileUploadHandler):
    """Streams every file part into its own blob writer; past `limit` bytes a part's bytes are
    only counted, so a too-large file is refused (by whoever commits) without filling a disk."""

    chunk_size = PARSE_CHUNK

    def __init__(self, request: Any, *, store: BlobStore, limit: int, head_size: int) -> None:
        super().__init__(request)
        self._store, self._limit, self._head_size = store, limit, head_size
        self._writer: BlobWriter | None = None
        self._head, self._size = bytearray(), 0
        self.writers: list[BlobWriter] = []

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._writer = self._store.writer()
        self.writers.append(self._writer)
        self._head, self._size = bytearray(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self._size += len(raw_data)
        if len(self._head) < self._head_size:
            self._head += raw_data[: self._head_size - len(self._head)]
        if self._writer is None:
            return
        if self._size > self._limit:
            self._writer.discard()
            self._writer = None
        else:
            self._writer.write(raw_data)

    def file_complete(self, file_size: int) -> StreamedUpload:
        writer, self._writer = self._writer, None
        return StreamedUpload(
            writer,
            head=bytes(self._head),
            size=self._size,
            name=self.file_name,
            content_type=self.content_type,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def upload_interrupted(self) -> None:
        # The body ended inside a file part; the parts before it stay for the view.
        if self._writer is not None:
            self._writer.discard()
            self._writer = None

    def discard_uncommitted(self) -> None:
        """Drop every part not committed: the request failed, or its files were refused."""
        for writer in self.writers:
            writer.discard()
