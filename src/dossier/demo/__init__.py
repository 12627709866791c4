"""`dossier demo`: a realistic instance to click through, built through the services."""

from __future__ import annotations

from collections.abc import Callable

from dossier.demo.files import load_files, load_shares
from dossier.demo.people import DEMO_PASSWORD, load_people
from dossier.demo.records import load_records

__all__ = ["DEMO_PASSWORD", "load_demo"]


def load_demo(
    seed: int = 2026, customers: int = 300, on_customer: Callable[[], None] = lambda: None
) -> list[tuple[str, str, str | None]]:
    logins = load_people(seed)
    if load_records(seed, customers, on_customer):
        load_shares(seed)
        load_files(seed)
    return logins
