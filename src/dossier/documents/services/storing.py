"""An upload's bytes into the blob store: the size limit, empty files, the sniffed type."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from dossier.core.errors import Invalid, TooLarge
from dossier.documents.extract import HEAD_SIZE, sniff
from dossier.infra.storage.interface import BlobRef, Readable
from dossier.infra.storage.services import default_store
from dossier.infra.storage.streams import read_exact
from dossier.infra.storage.uploads import StreamedUpload


class _Limited:
    """A stream that refuses to go past the upload limit, so a huge file fails early."""

    def __init__(self, head: bytes, rest: Readable, limit: int, filename: str) -> None:
        self._head, self._rest, self._limit, self._seen = head, rest, limit, 0
        self._filename = filename

    def read(self, size: int = -1, /) -> bytes:
        if self._head:
            chunk, self._head = self._head, b""
        else:
            chunk = self._rest.read(size if size > 0 else 1 << 20)
        self._seen += len(chunk)
        if self._seen > self._limit:
            raise _too_large(self._limit, self._filename)
        return chunk


def store(stream: Readable, filename: str) -> tuple[BlobRef, str]:
    """Put the bytes in the blob store; the media type is sniffed from the first bytes."""
    if isinstance(stream, StreamedUpload):
        return _commit_streamed(stream, filename)
    head = read_exact(stream, HEAD_SIZE)
    if not head:
        raise _empty(filename)
    media_type = sniff(head, filename)
    limit = settings.MAX_UPLOAD_BYTES
    ref = default_store().put(_Limited(head, stream, limit, filename))
    return ref, media_type


def _commit_streamed(received: StreamedUpload, filename: str) -> tuple[BlobRef, str]:
    """An HTTP upload was hashed, encrypted and written while it arrived: the same checks as
    for a stream, then the blob is recorded in this transaction."""
    if not received.size:
        raise _empty(filename)
    if received.over_limit or received.size > settings.MAX_UPLOAD_BYTES:
        raise _too_large(settings.MAX_UPLOAD_BYTES, filename)
    return received.commit(), sniff(received.head, filename)


def _empty(filename: str) -> Invalid:
    return Invalid.single("file", _("“%(name)s” is empty.") % {"name": filename})


def _too_large(limit: int, filename: str) -> TooLarge:
    return TooLarge(
        _("The file is larger than the limit of %(mb)s MB.") % {"mb": limit // 2**20},
        field="file",
        details={"file": filename},
    )
