"""Text extraction for customer files: PDF, DOCX, XLSX, TXT/CSV, EML; plain Python, no Django."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO, BinaryIO

from .safety import check_zip_end, open_zip, spool
from .sheetscan import check_sheet_extents
from .sniff import (
    CSV,
    DOCX,
    EML,
    HEAD_SIZE,
    HTML,
    OCTET,
    OLE,
    PDF,
    TEXT_TYPES,
    TSV,
    TXT,
    XLSM,
    XLSX,
    ZIP_TYPES,
    extension,
    sniff,
    zip_kind,
)
from .text import TextSink
from .types import CODES, ENCRYPTED, Attachment, Extracted, ExtractionError

__all__ = ["CODES", "Attachment", "Extracted", "ExtractionError", "extract", "sniff"]

Meta = dict[str, str]
Reader = Callable[[IO[bytes], TextSink], tuple[Meta, tuple[Attachment, ...]]]

_OOXML_EXTENSIONS = frozenset({"docx", "docm", "xlsx", "xlsm", "pptx"})
_CONTENT_TYPES_LIMIT = 1024 * 1024


def extract(
    source: BinaryIO,
    *,
    filename: str,
    media_type: str | None = None,
    max_chars: int = 2_000_000,
    max_bytes: int = 200 * 2**20,
) -> Extracted:
    """Read a file's text; `media_type` (as declared on upload) is used only if sniffing can't tell.

    Raises ExtractionError (and nothing else for bad input) with a stable `code`.
    """
    with spool(source, max_bytes) as file:
        head = file.read(HEAD_SIZE)
        file.seek(0)
        kind = _choose(sniff(head, filename), media_type)
        if kind in ZIP_TYPES:
            kind = _refine_zip(file, kind)
        if kind == OLE and extension(filename) in _OOXML_EXTENSIONS:
            # Office stores a password-protected .docx/.xlsx as an OLE box around the zip.
            raise ExtractionError(ENCRYPTED, "the Office file is protected by a password")
        reader = _READERS.get(kind)
        if reader is None:
            return Extracted(text="", media_type=kind, truncated=False)
        sink = TextSink(max_chars)
        file.seek(0)
        meta, attachments = reader(file, sink)
        text, truncated = sink.result()
    return Extracted(text, kind, truncated, attachments, meta)


def _choose(sniffed: str, declared: str | None) -> str:
    declared = (declared or "").split(";", 1)[0].strip().lower()
    if sniffed == OCTET and declared in _READERS:
        return declared
    if sniffed == TXT and declared in TEXT_TYPES:
        return declared  # a CSV without its extension is still best called CSV
    return sniffed


def _refine_zip(file: IO[bytes], kind: str) -> str:
    # The head only shows the first member names; the directory and [Content_Types].xml tell.
    try:
        check_zip_end(file)
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            content_types = _small_member(archive, names, "[Content_Types].xml")
            mimetype = _small_member(archive, names, "mimetype")
    except (ExtractionError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return kind  # the reader, if any, reports why the zip cannot be read
    return zip_kind(names, content_types, mimetype.strip())


def _small_member(archive: zipfile.ZipFile, names: list[str], name: str) -> str:
    if name not in names:
        return ""
    try:
        with archive.open(name) as member:
            return member.read(_CONTENT_TYPES_LIMIT).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return ""


# Each reader imports its library when a file needs it: every process that stores a file imports
# this package for sniff(), and pypdf, python-docx (with lxml) and python-calamine together take
# about 40 MB that a server which never extracts text in process would carry for nothing.


def _read_pdf(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .pdf import extract_pdf

    return extract_pdf(file, sink), ()


def _read_docx(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .word import extract_docx

    open_zip(file).close()
    file.seek(0)
    return extract_docx(file, sink), ()


def _read_xlsx(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .sheet import extract_xlsx

    with open_zip(file) as archive:
        check_sheet_extents(archive)
    file.seek(0)
    return extract_xlsx(file, sink), ()


def _read_text(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .plain import extract_plain

    return extract_plain(file, sink), ()


def _read_html(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .plain import extract_plain

    return extract_plain(file, sink, html=True), ()


def _read_eml(file: IO[bytes], sink: TextSink) -> tuple[Meta, tuple[Attachment, ...]]:
    from .mail import extract_eml

    return extract_eml(file, sink)


_READERS: dict[str, Reader] = {
    PDF: _read_pdf,
    DOCX: _read_docx,
    XLSX: _read_xlsx,
    XLSM: _read_xlsx,
    EML: _read_eml,
    TXT: _read_text,
    CSV: _read_text,
    TSV: _read_text,
    HTML: _read_html,
}
