"""PDF text with pypdf: page texts joined by blank lines, title/author/pages as meta."""

from __future__ import annotations

import logging
from typing import IO

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from .text import TextSink
from .types import CORRUPT, ENCRYPTED, TOO_LARGE, ExtractionError

logger = logging.getLogger(__name__)

_META_KEYS = (("/Title", "title"), ("/Author", "author"), ("/Subject", "subject"))


def extract_pdf(file: IO[bytes], sink: TextSink) -> dict[str, str]:
    """Read every page into the sink; pages that fail alone are skipped and counted."""
    reader = _open(file)
    meta = _metadata(reader)
    try:
        pages = reader.pages
        meta["pages"] = str(len(pages))
        failed = 0
        for page in pages:
            try:
                text = page.extract_text()
            except (FileNotDecryptedError, DependencyError):
                raise
            except Exception:  # one broken page must not lose the others
                failed += 1
                continue
            if not sink.add(text, sep="\n\n"):
                break
    except (FileNotDecryptedError, DependencyError) as exc:
        raise ExtractionError(ENCRYPTED, f"the PDF cannot be decrypted ({exc})") from exc
    except MemoryError as exc:
        raise ExtractionError(TOO_LARGE, "the PDF needs more memory than allowed") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ExtractionError(CORRUPT, f"the PDF page tree cannot be read ({exc})") from exc
    if failed:
        meta["unreadable_pages"] = str(failed)
        logger.info("pdf pages skipped", extra={"failed": failed})
    return meta


def _open(file: IO[bytes]) -> PdfReader:
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            _decrypt(reader)
        if len(reader.pages) == 0:
            raise ExtractionError(CORRUPT, "the PDF has no pages")
    except ExtractionError:
        raise
    except MemoryError as exc:
        raise ExtractionError(TOO_LARGE, "the PDF needs more memory than allowed") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ExtractionError(CORRUPT, f"the PDF cannot be read ({_reason(exc)})") from exc
    return reader


def _decrypt(reader: PdfReader) -> None:
    # Many PDFs are "encrypted" only to restrict printing and open with the empty password.
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError, PyPdfError) as exc:
        raise ExtractionError(ENCRYPTED, f"the PDF uses unsupported encryption ({exc})") from exc
    if not opened:
        raise ExtractionError(ENCRYPTED, "the PDF is protected by a password")


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
        found = {key: info.get(raw) if info else None for raw, key in _META_KEYS}
    except Exception:  # a damaged info dictionary is not worth failing over
        return {}
    return {key: str(value).strip() for key, value in found.items() if value and str(value).strip()}


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
