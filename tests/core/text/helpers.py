"""A tiny in-memory engine over the tokeniser: a document is the terms of its fields."""

from __future__ import annotations

from dossier.core.text import FieldKind, index_terms, query_terms


def finds(query: str, text: str, kind: FieldKind = "text", *, typeahead: bool = False) -> bool:
    """Whether `query` finds a document whose one field of `kind` holds `text`."""
    return query_terms(query, typeahead=typeahead).matches(index_terms(text, kind))
