"""A customer's timeline: record changes here, plus what the apps above add at start-up.

Apps that depend on customers (sales, interactions, later documents) register a source in
their `AppConfig.ready()`, so this app lists their entries without importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from heapq import merge
from typing import Any

from django.utils.translation import gettext_lazy as _

from dossier.audit.forms import change_lines
from dossier.audit.models import Revision
from dossier.core.actor import Actor
from dossier.core.values import shown_phone
from dossier.customers import selectors
from dossier.customers.models import Customer
from dossier.customers.sensitive import is_sealed, mask, may_see, unseal
from dossier.customfields import selectors as templates
from dossier.customfields.domain import FieldType


@dataclass(frozen=True)
class Entry:
    when: datetime
    kind: str  # "change", "interaction", "service", "opportunity", "file"
    title: str
    who: str = ""
    body: str = ""
    changes: tuple[tuple[str, str], ...] = ()
    url: str = ""


# A source returns at most `limit` entries of one customer, newest first.
Source = Callable[[Actor, int, int], list[Entry]]
SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def entries(actor: Actor, customer_id: int, limit: int = 100) -> list[Entry]:
    """The newest `limit` entries of every source, newest first. The caller checks the
    customer is readable; each source reads through its own access-scoped selectors."""
    streams = [source(actor, customer_id, limit) for source in SOURCES]
    newest_first = merge(*streams, key=lambda entry: entry.when, reverse=True)
    return [entry for _, entry in zip(range(limit), newest_first, strict=False)]


# ---- the customer's own record changes ---------------------------------------------------

REFERENCE_LABELS = {
    "kind": _("Kind"),
    "category": _("Category"),
    "owner": _("Owner"),
    "team": _("Team"),
    "referrer": _("Referred by"),
    "tags": _("Tags"),
    "deleted": _("In the trash"),
}
ACTION_TITLES = {
    "created": _("Added the customer"),
    "updated": _("Changed the customer"),
    "deleted": _("Moved the customer to the trash"),
    "restored": _("Took the customer out of the trash"),
    "reverted": _("Restored an earlier version"),
}


@dataclass(frozen=True)
class Vocabulary:
    """How a customer revision reads: field labels, and stored values in people's words."""

    labels: dict[str, str]
    categories: dict[str, str]
    phones: frozenset[str]
    clear: bool = False  # whether sensitive values are shown unmasked

    def value(self, key: str, stored: Any) -> Any:
        if stored in (None, ""):
            return stored
        if is_sealed(stored):
            plain = unseal(stored)
            return plain if self.clear else mask(plain)
        if key == "category":
            return self.categories.get(str(stored), stored)
        if key == "kind":
            return str(dict(Customer.Kind.choices).get(str(stored), stored))
        if key in self.phones:
            return shown_phone(str(stored))
        return stored


def vocabulary(actor: Actor) -> Vocabulary:
    """Labels for every key a customer revision can hold, retired fields included."""
    labels = {k: str(v) for k, v in REFERENCE_LABELS.items()}
    phones = set()
    for spec in templates.specs("customer", include_retired=True):
        key = spec.key if spec.is_system else f"custom.{spec.key}"
        labels[key] = spec.label
        if spec.field_type == FieldType.PHONE:
            phones.add(key)
    categories = {c.code: c.name for c in selectors.categories()}
    return Vocabulary(labels, categories, frozenset(phones), may_see(actor))


def labelled_changes(revision: Revision, words: Vocabulary) -> tuple[tuple[str, str], ...]:
    readable = {
        key: [words.value(key, v) for v in pair] if isinstance(pair, list) else pair
        for key, pair in (revision.changes or {}).items()
    }
    lines = change_lines(f"customer.{revision.action}", readable)
    return tuple((words.labels.get(key, key), text) for key, text in lines)


def snapshot_lines(state: dict[str, Any], words: Vocabulary) -> list[tuple[str, str]]:
    """A whole record as it was, field by field, in the template's order."""
    order = {key: number for number, key in enumerate(words.labels)}
    readable = {key: [None, words.value(key, value)] for key, value in state.items()}
    lines = change_lines("customer.created", readable)
    ordered = sorted(lines, key=lambda line: order.get(line[0], len(order)))
    return [(words.labels.get(key, key), text) for key, text in ordered]


def customer_changes(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    words = vocabulary(actor)
    return [
        Entry(
            when=revision.occurred_at,
            kind="change",
            title=f"{ACTION_TITLES.get(revision.action, revision.action)} · v{revision.version}",
            who=revision.actor,
            changes=labelled_changes(revision, words),
        )
        for revision in selectors.customer_history(actor, customer_id)[:limit]
    ]
