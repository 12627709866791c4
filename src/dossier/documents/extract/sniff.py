"""What a file really is: magic bytes first, then the shape of text, then the file name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

PDF: Final = "application/pdf"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM: Final = "application/vnd.ms-excel.sheet.macroEnabled.12"
DOCM: Final = "application/vnd.ms-word.document.macroEnabled.12"
PPTX: Final = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ZIP: Final = "application/zip"
OLE: Final = "application/x-ole-storage"
EML: Final = "message/rfc822"
TXT: Final = "text/plain"
CSV: Final = "text/csv"
TSV: Final = "text/tab-separated-values"
HTML: Final = "text/html"
OCTET: Final = "application/octet-stream"
ZIP_TYPES: Final = frozenset({ZIP, DOCX, XLSX, XLSM, DOCM, PPTX})
TEXT_TYPES: Final = frozenset({TXT, CSV, TSV, HTML})

HEAD_SIZE: Final = 8192  # enough for every signature and a mail's first headers

_MAGIC: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"\x1f\x8b", "application/gzip"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
)
_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_BY_EXT: Final = {
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "msg": "application/vnd.ms-outlook",
}
# Only binary formats: a text extension on bytes that do not look like text says nothing.
_BINARY_BY_EXT: Final = {
    "pdf": PDF, "docx": DOCX, "xlsx": XLSX, "xlsm": XLSM, "docm": DOCM, "pptx": PPTX,
    "zip": ZIP, "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    "gif": "image/gif", "webp": "image/webp", "heic": "image/heic",
    "tif": "image/tiff", "tiff": "image/tiff", **_OLE_BY_EXT,
}  # fmt: skip
_TEXT_BY_EXT: Final = {"csv": CSV, "tsv": TSV, "htm": HTML, "html": HTML, "eml": EML}
_ZIP_NAME_HINTS: Final = ((b"word/", DOCX), (b"xl/", XLSX), (b"ppt/", PPTX))
_MAIN_PART_TYPES: Final = (
    ("wordprocessingml.document.main", DOCX),
    ("ms-word.document.macroEnabled.main", DOCM),
    ("spreadsheetml.sheet.main", XLSX),
    ("ms-excel.sheet.macroEnabled.main", XLSM),
    ("presentationml.presentation.main", PPTX),
)
_MAIN_MEMBERS: Final = (("word/document.xml", DOCX), ("xl/workbook.xml", XLSX))
_HEIF_BRANDS: Final = (b"heic", b"heix", b"mif1", b"msf1")

_HEADER_LINE: Final = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,40}):")
_MAIL_HEADERS: Final = frozenset(
    b"from to cc bcc subject date message-id received return-path mime-version "
    b"delivered-to reply-to sender content-type x-mailer".split()
)
_MAIL_CORE: Final = frozenset(b"from to subject date message-id received".split())
_TEXT_CONTROLS: Final = frozenset(range(32)) - {9, 10, 12, 13, 27}


def sniff(head: bytes, filename: str = "") -> str:
    """The media type of a file from its first bytes (HEAD_SIZE is plenty) and its name."""
    ext = extension(filename)
    found = _by_magic(head, ext)
    if found:
        return found
    if _looks_like_text(head):
        return _text_kind(head, ext)
    return _BINARY_BY_EXT.get(ext, OCTET)


def extension(filename: str) -> str:
    """The lower-case extension of a name, without the dot ('' when it has none)."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base.strip(".") else ""


def zip_kind(names: Iterable[str], content_types: str, mimetype: str = "") -> str:
    """What a zip is, from [Content_Types].xml, an ODF mimetype member, or its member names."""
    for marker, media_type in _MAIN_PART_TYPES:
        if marker in content_types:
            return media_type
    if mimetype.startswith("application/") and len(mimetype) < 100:
        return mimetype
    present = set(names)
    for member, media_type in _MAIN_MEMBERS:
        if member in present:
            return media_type
    return ZIP


def _by_magic(head: bytes, ext: str) -> str:
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_from_head(head, ext)
    if head.startswith(_OLE_MAGIC):
        return _OLE_BY_EXT.get(ext, OLE)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/heic"
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    return ""


def _zip_from_head(head: bytes, ext: str) -> str:
    # Member names sit uncompressed in the local headers; the first few are in the head.
    for hint, media_type in _ZIP_NAME_HINTS:
        if hint in head:
            return XLSM if media_type == XLSX and ext == "xlsm" else media_type
    by_ext = _BINARY_BY_EXT.get(ext, ZIP)
    return by_ext if by_ext in ZIP_TYPES else ZIP


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if not head or b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte in _TEXT_CONTROLS)
    return controls * 100 <= len(head)


def _text_kind(head: bytes, ext: str) -> str:
    if _looks_like_mail(head, lenient=ext == "eml"):
        return EML
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return HTML
    kind = _TEXT_BY_EXT.get(ext, TXT)
    return TXT if kind == EML else kind


def _looks_like_mail(head: bytes, *, lenient: bool) -> bool:
    names: list[bytes] = []
    for line in head.splitlines()[:40]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and names:
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        names.append(match.group(1).lower())
    known = [name for name in names if name in _MAIL_HEADERS]
    core = any(name in _MAIL_CORE for name in known)
    return core and len(known) >= (1 if lenient else 2)
