"""Writing the search index, in the caller's transaction, and saved searches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotFound
from dossier.infra.events import Changed
from dossier.search.engines import engine
from dossier.search.models import Entry, EntryScope, EntryTag, SavedSearch
from dossier.search.sources import SOURCES, Row, batches, joined, live_row, scopes

BATCH = 2000
Progress = Callable[[int], None]


def _entry(row: Row) -> Entry:
    return Entry(
        kind=row.kind,
        object_id=row.object_id,
        customer_id=row.customer_id,
        title=row.title[:300],
        name_key=row.name_key[:200],
        body=row.body,
        day=row.day,
        name_terms=joined(row.name_terms),
        terms=joined(row.terms),
    )


def _scope(entry_id: int, row: Row, of_customer: dict[str, Any]) -> EntryScope:
    return EntryScope(
        entry_id=entry_id, kind=row.kind, customer_id=row.customer_id, day=row.day, **of_customer
    )


def _tag_rows(entry_id: int, tags: list[str]) -> list[EntryTag]:
    return [EntryTag(entry_id=entry_id, name=tag[:40]) for tag in dict.fromkeys(tags)]


def index_object(kind: str, object_id: int) -> dict[str, Any] | None:
    """Bring one object's entry up to date: written when live, removed when gone or trashed.
    Returns what it copied of the object's customer (None when it removed the entry)."""
    row = live_row(kind, object_id)
    if row is None:
        remove_object(kind, object_id)
        return None
    entry = _entry(row)
    current = Entry.objects.filter(kind=kind, object_id=object_id).first()
    if current is None:
        entry.save()
    else:
        entry.pk = current.pk
        entry.save(force_update=True)
        EntryTag.objects.filter(entry_id=entry.pk).delete()
    of_customer = scopes({row.customer_id}).get(row.customer_id, {})
    _scope(entry.pk, row, of_customer).save(force_insert=current is None)
    EntryTag.objects.bulk_create(_tag_rows(entry.pk, row.tags))
    return of_customer


def _delete(entries: QuerySet[Entry]) -> None:
    """Entries with their tags and scope rows: three statements, however many entries."""
    ids = entries.values("id")
    EntryTag.objects.filter(entry_id__in=ids).delete()
    EntryScope.objects.filter(entry_id__in=ids).delete()
    entries.delete()


def remove_object(kind: str, object_id: int) -> None:
    _delete(Entry.objects.filter(kind=kind, object_id=object_id))


def remove_customer(customer_id: int) -> None:
    """A purged customer takes every entry of its records and files with it."""
    _delete(Entry.objects.filter(customer_id=customer_id))


def on_change(event: Changed) -> None:
    """The audit seam's subscriber: `<type>.<verb>` of an indexed type re-indexes the object."""
    kind, _, verb = event.action.partition(".")
    if kind != event.object_type or kind not in SOURCES or not event.object_id.isdigit():
        return  # folder.created names its customer but changes nothing indexed
    if event.action == "customer.purged":
        remove_customer(int(event.object_id))
    elif verb == "purged":
        remove_object(kind, int(event.object_id))
    else:
        copied = index_object(kind, int(event.object_id))
        if kind == "customer":
            sync_customer(int(event.object_id), copied)


def sync_customer(customer_id: int, scope: dict[str, Any] | None = None) -> None:
    """Copy a customer's scope (trash, owner, team, category, province) onto the entries of
    its records and files, so search tests each match on its own row. `scope` is what was
    just read of the customer, if anything (a trashed customer's own entry was removed)."""
    scope = scope or scopes({customer_id}).get(customer_id)
    if scope is not None:
        EntryScope.objects.filter(customer_id=customer_id).update(**scope)


def write_rows(rows: list[Row]) -> None:
    """Insert many new entries at once (reindex and bulk loads)."""
    found = scopes({row.customer_id for row in rows})
    entries = Entry.objects.bulk_create([_entry(row) for row in rows])
    pairs = list(zip(entries, rows, strict=True))
    EntryScope.objects.bulk_create(
        [_scope(e.pk, row, found.get(row.customer_id, {})) for e, row in pairs]
    )
    EntryTag.objects.bulk_create([t for e, row in pairs for t in _tag_rows(e.pk, row.tags)])


def reindex(*, kinds: list[str] | None = None, progress: Progress | None = None) -> int:
    """Rebuild the entries of some kinds (default: all) from the records, in one transaction;
    the full-text index is built again at the end, in one pass."""
    done = 0
    with transaction.atomic(), engine().suspended():
        for kind in kinds or list(SOURCES):
            _delete(Entry.objects.filter(kind=kind))
            for rows in batches(kind, BATCH):
                write_rows(rows)
                done += len(rows)
                if progress:
                    progress(len(rows))
    return done


def count_indexable(kinds: list[str] | None = None) -> int:
    return sum(SOURCES[kind].live().count() for kind in kinds or list(SOURCES))


# ---- saved searches ------------------------------------------------------------------------


def save_search(actor: Actor, name: str, query: str) -> SavedSearch:
    user_id = actor.require_user_id()
    name, query = name.strip(), query.strip()
    if not name or len(name) > 60:
        raise Invalid.single("name", _("Give the search a name of 1 to 60 characters."))
    if not query or len(query) > 1000:
        raise Invalid.single("query", _("There is no search to save."))
    saved = SavedSearch.objects.filter(user_id=user_id, name=name).first()
    if saved is None:
        saved = SavedSearch(user_id=user_id, name=name, created_at=clock.now())
    saved.query = query
    saved.save()
    record(
        actor, "saved_search.saved", object_type="saved_search", object_id=saved.pk, summary=name
    )
    return saved


def delete_search(actor: Actor, search_id: int) -> None:
    saved = SavedSearch.objects.filter(user_id=actor.require_user_id(), pk=search_id).first()
    if saved is None:
        raise NotFound(_("There is no saved search %(id)s.") % {"id": search_id})
    name = saved.name
    saved.delete()
    record(
        actor, "saved_search.deleted", object_type="saved_search", object_id=search_id, summary=name
    )
