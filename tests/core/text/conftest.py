"""Loads the dictionaries once before any test (no example pays for it); a thorough profile."""

from __future__ import annotations

import pytest
from hypothesis import settings

from dossier.core.text import index_terms, query_terms

# `pytest --hypothesis-profile=thorough tests/core/text` before changing the lexer.
settings.register_profile("thorough", max_examples=3000, deadline=None)


@pytest.fixture(autouse=True, scope="session")
def _loaded_dictionaries() -> None:
    index_terms("華為技術有限公司", "company")
    query_terms("张三")
