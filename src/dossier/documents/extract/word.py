"""DOCX text with python-docx: paragraphs and table rows in document order, core properties."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .text import TextSink
from .types import CORRUPT, TOO_LARGE, ExtractionError

_PROPERTIES = ("title", "author", "subject", "keywords", "category", "created", "modified")


def extract_docx(file: IO[bytes], sink: TextSink) -> dict[str, str]:
    """Read the body into the sink; the zip directory has already been checked."""
    try:
        document = docx.Document(file)
        for block in document.iter_inner_content():
            if not sink.add(_block_text(block)):
                break
        return _properties(document)
    except MemoryError as exc:
        raise ExtractionError(TOO_LARGE, "the document needs more memory than allowed") from exc
    except Exception as exc:  # python-docx and lxml raise many kinds on damaged files
        raise ExtractionError(CORRUPT, f"the Word document cannot be read ({exc})") from exc


def _block_text(block: Paragraph | Table) -> str:
    if isinstance(block, Paragraph):
        return block.text
    return "\n".join(_table_rows(block))


def _table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        # A merged cell is returned once per grid column it spans; keep it once.
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_block_text(inner) for inner in cell.iter_inner_content()))
        yield "\t".join(" ".join(text.split()) for text in cells)


def _properties(document: Any) -> dict[str, str]:
    props = document.core_properties
    meta: dict[str, str] = {}
    for name in _PROPERTIES:
        value = getattr(props, name, None)
        if isinstance(value, datetime):
            value = value.isoformat()
        if value and str(value).strip():
            meta[name] = str(value).strip()
    return meta
