"""HTML to plain text with the standard library, enough for mail bodies and saved pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_WHITESPACE = re.compile(r"\s+")
_SKIPPED = frozenset({"script", "style", "head", "title", "template", "noscript"})
_BREAKS = frozenset(
    {
        *("br", "p", "div", "li", "tr", "hr", "pre", "blockquote", "section", "article"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"),
    }
)
_CELLS = frozenset({"td", "th"})


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BREAKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br/> is one break, not an opening and a closing

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Source line breaks in HTML are spaces; only tags break lines.
            self.parts.append(_WHITESPACE.sub(" ", data))


def html_to_text(html: str) -> str:
    """The visible text of an HTML document, one line per block element."""
    stripper = _Stripper()
    stripper.feed(html)
    stripper.close()
    return "".join(stripper.parts)
