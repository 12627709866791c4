"""Plain-text helpers: tidy whitespace, collect text within a budget, decode unknown bytes."""

from __future__ import annotations

import codecs
import re
import unicodedata

_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Controls, lone surrogates, zero-width space and stray BOMs only get in the way of search.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\ufeff\ud800-\udfff]")
_SPACES = re.compile(r"[ \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_EDGES = re.compile(r"(?m)^ +| *[ \t]+$")
_BLANK_RUNS = re.compile(r"\n{3,}")

# Short GBK text fools charset-normalizer (it guesses Big5 or CP949), so GB18030 is tried
# first on a sample and kept when nearly every non-ASCII character is a common GB2312 one.
_GB_SAMPLE = 64 * 1024
_GB_COMMON_SHARE = 0.95
_DETECT_SAMPLE = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Mail often says gb2312 while using GBK characters; GB18030 reads all three.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "ascii": "utf-8"}


def tidy(text: str) -> str:
    """NFC, one kind of newline, no control characters, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = _JUNK.sub("", _NEWLINES.sub("\n", text))
    text = _LINE_EDGES.sub("", _SPACES.sub(" ", text))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


class TextSink:
    """Collects tidied pieces until max_chars, so no extractor builds more text than is kept."""

    def __init__(self, max_chars: int):
        self.max_chars = max(0, max_chars)
        self.cut = False
        self._parts: list[str] = []
        self._size = 0

    def add(self, piece: str, sep: str = "\n") -> bool:
        """Add one piece after `sep`; False once the budget is spent, telling the caller to stop."""
        if self._size >= self.max_chars:
            self.cut = self.cut or bool(piece.strip())
            return False
        piece = tidy(piece)
        if piece:
            if self._parts:
                self._parts.append(sep)
            self._parts.append(piece)
            self._size += len(sep) + len(piece)
        return True

    def mark_cut(self) -> None:
        """Record that content was left out for a reason other than the character budget."""
        self.cut = True

    def result(self) -> tuple[str, bool]:
        """The text, at most max_chars long, and whether anything was left out."""
        text = tidy("".join(self._parts))
        truncated = self.cut or len(text) > self.max_chars
        return text[: self.max_chars], truncated


def decode_text(data: bytes, *, complete: bool = True) -> tuple[str, str]:
    """Decode bytes of unknown encoding; `complete=False` when data was cut at a size limit."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, complete), encoding.removesuffix("-sig")
    for encoding in ("utf-8", "gb18030"):
        if _plausible(data, encoding, complete):
            return _decode(data, encoding, complete), encoding
    from charset_normalizer import from_bytes  # on first use: 5 MB a process may not need

    best = from_bytes(data[:_DETECT_SAMPLE]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return _decode(data, encoding, complete), encoding


def decode_declared(data: bytes, charset: str | None) -> str:
    """Decode with a declared charset (as in mail), falling back to detection when it lies."""
    if charset:
        name = charset.strip().lower()
        try:
            return data.decode(_SUPERSETS.get(name, name))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)[0]


def _decode(data: bytes, encoding: str, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(data, final=complete)


def _plausible(data: bytes, encoding: str, complete: bool) -> bool:
    sample = data[:_GB_SAMPLE] if encoding == "gb18030" else data
    final = complete and len(sample) == len(data)
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=final)
    except UnicodeDecodeError:
        return False
    return encoding == "utf-8" or _mostly_common_chinese(text)


def _mostly_common_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    common = sum(1 for ch in wide if _in_gb2312(ch))
    return common >= _GB_COMMON_SHARE * len(wide)


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
