"""Text files (TXT, CSV, HTML) of unknown encoding: decode only as much as max_chars can keep."""

from __future__ import annotations

from typing import IO

from .markup import html_to_text
from .text import TextSink, decode_text

# No encoding we meet spends more than four bytes on a character (UTF-8, UTF-32, GB18030).
_BYTES_PER_CHAR = 4


def extract_plain(file: IO[bytes], sink: TextSink, *, html: bool = False) -> dict[str, str]:
    """Decode the start of the file into the sink; the rest, if any, is marked as cut."""
    limit = sink.max_chars * _BYTES_PER_CHAR + _BYTES_PER_CHAR
    data = file.read(limit)
    complete = not file.read(1)
    text, encoding = decode_text(data, complete=complete)
    if not complete:
        sink.mark_cut()
    sink.add(html_to_text(text) if html else text)
    return {"encoding": encoding}
