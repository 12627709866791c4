"""BadValue, and the text normalisers every other value rule builds on."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that ride along with copy-paste and break search and de-duplication:
# C0/C1 controls, zero-width space, bidi marks and overrides, word joiners, soft hyphen, BOM,
# lone surrogates. ZWJ/ZWNJ stay: emoji and some scripts need them.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
    "\ufeff\ud800-\udfff]"
)
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


class BadValue(ValueError):
    """A value that breaks a rule. `code` is stable (used to pick a translated message);
    `params` fill the message; `message` is an English default."""

    code: str
    message: str
    params: dict[str, object]

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __repr__(self) -> str:
        return f"BadValue({self.code!r}, {self.message!r}, **{self.params!r})"


def normalize_text(value: str) -> str:
    """One line of text: NFKC (full-width letters, digits and the ideographic space become
    ASCII), invisible and control characters dropped, any run of whitespace one space, trimmed.
    """
    # Whitespace first, so a tab or line break still separates words once controls are gone.
    text = _INVISIBLE.sub("", _WHITESPACE.sub(" ", value))
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def normalize_long_text(value: str) -> str:
    """Several lines: NFKC, every kind of line break becomes \\n, tabs a space, controls
    dropped, trailing spaces cut from each line, at most one blank line between paragraphs."""
    lines = [_clean_line(line) for line in value.splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines).strip())


def _clean_line(line: str) -> str:
    text = _INVISIBLE.sub("", line.replace("\t", " "))
    return unicodedata.normalize("NFKC", text).rstrip()


def normalize_name(value: str) -> str:
    """A name: normalize_text, and not blank."""
    name = normalize_text(value)
    if not name:
        raise BadValue("blank", "must not be blank")
    return name
