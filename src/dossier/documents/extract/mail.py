"""E-mail (.eml) text: headers, the plain or HTML body, and every attachment as its own file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import IO

from .markup import html_to_text
from .sniff import HEAD_SIZE, OCTET, sniff
from .text import TextSink, decode_declared, decode_text
from .types import CORRUPT, TOO_LARGE, Attachment, ExtractionError

# Each attachment becomes a document: a mail of a million tiny parts must not become a million.
MAX_ATTACHMENTS = 1000

_HEADERS = (("from", "From"), ("to", "To"), ("cc", "Cc"), ("subject", "Subject"), ("date", "Date"))
_UNREADABLE = re.compile("[\ufffd\udc80-\udcff]")
_NAME_JUNK = re.compile(r"[\x00-\x1f\x7f]")
_EXTENSIONS = {
    "application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
    "text/plain": ".txt", "text/html": ".html", "text/csv": ".csv", "message/rfc822": ".eml",
}  # fmt: skip


def extract_eml(file: IO[bytes], sink: TextSink) -> tuple[dict[str, str], tuple[Attachment, ...]]:
    """Read headers and body into the sink; return the meta and the attachments."""
    try:
        message = BytesParser(policy=policy.default).parse(file)
        assert isinstance(message, EmailMessage)  # noqa: S101 -- policy.default guarantees it
        meta = _meta(message)
        sink.add("\n".join(f"{label}: {meta[key]}" for key, label in _HEADERS if key in meta))
        sink.add(_body(message), sep="\n\n")
        attachments = list(_attachments(message))
    except MemoryError as exc:
        raise ExtractionError(TOO_LARGE, "the e-mail needs more memory than allowed") from exc
    except Exception as exc:  # the email package raises many kinds on malformed mail
        raise ExtractionError(CORRUPT, f"the e-mail cannot be read ({exc})") from exc
    if len(attachments) > MAX_ATTACHMENTS:
        meta["attachments_dropped"] = str(len(attachments) - MAX_ATTACHMENTS)
    return meta, tuple(attachments[:MAX_ATTACHMENTS])


def _meta(message: EmailMessage) -> dict[str, str]:
    meta = {key: _header(message, label) for key, label in _HEADERS}
    date = message["Date"]
    moment = getattr(date, "datetime", None)
    if moment is not None:
        meta["date"] = moment.isoformat()
    return {key: value for key, value in meta.items() if value}


def _header(message: EmailMessage, name: str) -> str:
    value = message.get(name)
    text = " ".join(str(value).split()) if value is not None else ""
    if _UNREADABLE.search(text):
        # Raw 8-bit headers (GBK from many Chinese mail clients) reach us surrogate-escaped.
        text = " ".join(_raw_header(message, name).split())
    return text


def _raw_header(message: EmailMessage, name: str) -> str:
    for key, raw in message.raw_items():
        if key.lower() == name.lower():
            return decode_text(str(raw).encode("utf-8", "surrogateescape"))[0]
    return ""


def _body(message: EmailMessage) -> str:
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if isinstance(part, EmailMessage):
            text = _decoded_text(part)
            return html_to_text(text) if kind == "html" else text
    return ""


def _decoded_text(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return decode_declared(payload, part.get_content_charset())


def _attachments(message: EmailMessage) -> Iterator[Attachment]:
    parts = _leaf_attachments(message)
    if not message.is_multipart() and message.get_content_maintype() not in ("text", "message"):
        parts = iter([message])  # a mail that is nothing but one file
    for number, part in enumerate(parts, 1):
        yield _attachment(part, number)


def _leaf_attachments(part: EmailMessage) -> Iterator[EmailMessage]:
    for child in part.iter_attachments():
        if child.is_multipart() and child.get_content_type() != "message/rfc822":
            yield from _leaf_attachments(child)
        elif isinstance(child, EmailMessage):
            yield child


def _attachment(part: EmailMessage, number: int) -> Attachment:
    content = _content(part)
    declared = part.get_content_type()
    filename = _filename(part, number, declared)
    media_type = sniff(content[:HEAD_SIZE], filename)
    if media_type == OCTET and declared != "text/plain":
        media_type = declared
    return Attachment(filename, media_type, content)


def _content(part: EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0)
        return inner.as_bytes() if isinstance(inner, EmailMessage) else b""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _filename(part: EmailMessage, number: int, declared: str) -> str:
    name = part.get_filename() or ""
    if _UNREADABLE.search(name):
        name = _raw_param_filename(part)
    name = _NAME_JUNK.sub("", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if name.strip(".") == "":
        return f"attachment-{number}{_EXTENSIONS.get(declared, '.bin')}"
    return name


def _raw_param_filename(part: EmailMessage) -> str:
    for header in ("Content-Disposition", "Content-Type"):
        raw = _raw_header(part, header)
        if raw:
            parsed = policy.default.header_factory(header.lower(), raw)
            params = getattr(parsed, "params", {})
            name = params.get("filename") or params.get("name")
            if name:
                return str(name)
    return ""
