"""A customer's timeline: record changes here, plus what the apps above add at start-up.

Apps that depend on customers (sales, interactions, later documents) register a source in
their `AppConfig.ready()`, so this app lists their entries without importing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from heapq import merge

from django.utils.translation import gettext_lazy as _

from dossier.audit.forms import change_lines
from dossier.audit.models import Revision
from dossier.core.actor import Actor
from dossier.customers import selectors
from dossier.customfields import selectors as templates


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


def field_labels() -> dict[str, str]:
    """Labels for every key a customer revision can hold, retired fields included."""
    labels = {k: str(v) for k, v in REFERENCE_LABELS.items()}
    for spec in templates.specs("customer", include_retired=True):
        labels[spec.key if spec.is_system else f"custom.{spec.key}"] = spec.label
    return labels


def labelled_changes(revision: Revision, labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    lines = change_lines(f"customer.{revision.action}", revision.changes or {})
    return tuple((labels.get(key, key), text) for key, text in lines)


def customer_changes(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    labels = field_labels()
    return [
        Entry(
            when=revision.occurred_at,
            kind="change",
            title=f"{ACTION_TITLES.get(revision.action, revision.action)} · v{revision.version}",
            who=revision.actor,
            changes=labelled_changes(revision, labels),
        )
        for revision in selectors.customer_history(actor, customer_id)[:limit]
    ]
