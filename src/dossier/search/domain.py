"""Pure search rules: kinds, the text kept for snippets, highlighting, and what a file names."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from dossier.core.text import Query, Term

# API spelling → stored kind (the audit trail's object type).
KINDS: dict[str, str] = {
    "customer": "customer",
    "contact": "contact",
    "opportunity": "opportunity",
    "service-record": "service_record",
    "interaction": "interaction",
    "document": "document",
}
API_KIND = {stored: spelt for spelt, stored in KINDS.items()}

# Snippets come from a bounded copy of the text; the index holds every term of the whole text.
BODY_CHARS = 2000
INDEXED_TEXT_CHARS = 200_000
SNIPPET_CHARS = 160
_LEAD = 40

_WORDS = re.compile(r"[\w]+", re.UNICODE)
_DIGIT_RUN = re.compile(r"(?<![\d])\+?\d[\d \-().]{5,22}\d(?![\d])")
_SEPARATORS = re.compile(r"[ \-().+]")
# Unified social credit code: 18 characters, no I, O, S, V, Z (GB 32100-2015).
_CREDIT_CODE = re.compile(
    r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])"
)


@dataclass(frozen=True, slots=True)
class Hit:
    kind: str
    object_id: int
    customer_id: int
    title: str
    snippet: str
    score: float


def relevance(query: Query, name_terms: str, *, exact: bool) -> float:
    """How well a match answers the query, higher is better: its name is the query (100),
    the share of the query's groups found in its name (up to 10), then shorter names first;
    matches in the text alone tie (the newest comes first).

    Every match of an AND query holds every group somewhere, so what tells matches apart is
    where: in the name or in the text. BM25 would add inverse document frequencies, which the
    engine computes by reading the whole posting list of every term on each query: tens of
    milliseconds for a common word at a million entries."""
    names = name_terms.split()
    share = name_share(query, names)
    # Shorter names first only among name matches: a record without a name (an interaction)
    # must not outrank one whose longer name simply does not hold the query.
    brevity = 1.0 / (1 + len(names)) if share else 0.0
    return (100.0 if exact else 0.0) + 10.0 * share + brevity


def name_share(query: Query, names: list[str]) -> float:
    """The share of the query's groups that the name terms hold."""
    held = set(names)
    groups = query.groups
    return sum(1 for g in groups if any(_found(t, held) for t in g)) / max(len(groups), 1)


def _found(term: Term, names: set[str]) -> bool:
    if not term.prefix:
        return term.text in names
    return any(term.matches(name) for name in names)


def needles(query: str) -> list[str]:
    """What to mark in a snippet: the query's words as typed, longest first."""
    found = {word.casefold() for word in _WORDS.findall(query) if word.strip("_")}
    return sorted(found, key=len, reverse=True)


def snippet(body: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """An HTML-safe excerpt of `body` around the first match, each match in <mark>."""
    words = needles(query)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    first = pattern.search(body) if pattern else None
    start = max(0, first.start() - _LEAD) if first else 0
    piece = body[start : start + width]
    marked = _mark(piece, pattern)
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(body) else ""
    return f"{prefix}{marked}{suffix}"


def _mark(piece: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return html.escape(piece)
    out, at = [], 0
    for found in pattern.finditer(piece):
        out.append(html.escape(piece[at : found.start()]))
        out.append(f"<mark>{html.escape(found.group())}</mark>")
        at = found.end()
    out.append(html.escape(piece[at:]))
    return "".join(out)


def numbers_in(text: str) -> list[str]:
    """Phone-like numbers (7 to 15 digits once separators go), in order, once each."""
    found: dict[str, None] = {}
    for run in _DIGIT_RUN.findall(text):
        digits = _SEPARATORS.sub("", run)
        if digits.isdigit() and 7 <= len(digits) <= 15:
            found[digits] = None
    return list(found)


def credit_codes_in(text: str) -> list[str]:
    return list(dict.fromkeys(_CREDIT_CODE.findall(text.upper())))


def join_text(*parts: object) -> str:
    """Fields for the snippet copy, blanks dropped."""
    return " · ".join(str(p) for p in parts if p not in (None, ""))
