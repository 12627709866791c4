"""The values extraction returns and the one error it raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

# Stable codes a job handler may store or branch on; messages are English and may change.
UNSUPPORTED: Final = "unsupported"
CORRUPT: Final = "corrupt"
ENCRYPTED: Final = "encrypted"
TOO_LARGE: Final = "too_large"
ZIP_BOMB: Final = "zip_bomb"
CODES: Final = frozenset({UNSUPPORTED, CORRUPT, ENCRYPTED, TOO_LARGE, ZIP_BOMB})

_DEFAULT_MESSAGES: Final = {
    UNSUPPORTED: "this kind of file cannot be read",
    CORRUPT: "the file is damaged and cannot be read",
    ENCRYPTED: "the file is protected by a password",
    TOO_LARGE: "the file is too large to read",
    ZIP_BOMB: "the file unpacks to far more than its size and was not opened",
}


@dataclass(frozen=True)
class Attachment:
    """A file found inside another (an e-mail's attachment); it becomes a document of its own."""

    filename: str
    media_type: str
    content: bytes


@dataclass(frozen=True)
class Extracted:
    """Plain text (NFC, whitespace tidied, at most max_chars) and what the content really is."""

    text: str
    media_type: str
    truncated: bool
    attachments: tuple[Attachment, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A frozen result should not change under its reader through a shared dict.
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))


class ExtractionError(Exception):
    """A file that cannot be read; `code` is one of CODES, `message` names what is wrong."""

    def __init__(self, code: str, message: str = ""):
        if code not in CODES:
            raise ValueError(f"unknown extraction error code {code!r}")
        message = message or _DEFAULT_MESSAGES[code]
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
