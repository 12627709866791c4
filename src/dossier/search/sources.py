"""What each kind of object puts in the index: its title, name, terms, snippet text and tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone

from dossier.core.text import FieldKind, index_terms, normalise
from dossier.core.values import shown_phone
from dossier.customers.models import Contact, Customer
from dossier.documents.models import Document
from dossier.interactions.models import Interaction, ServiceRecord
from dossier.sales.models import Opportunity
from dossier.search.domain import BODY_CHARS, INDEXED_TEXT_CHARS, join_text


@dataclass
class Row:
    """The values of one index entry, before it is written."""

    kind: str
    object_id: int
    customer_id: int
    title: str
    day: date
    name_key: str = ""
    body: str = ""
    name_terms: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def add(self, value: object, kind: FieldKind = "text", *, name: bool = False) -> None:
        if value in (None, ""):
            return
        found = index_terms(str(value), kind)
        (self.name_terms if name else self.terms).extend(found)


def joined(terms: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(t for t in terms if t))


def _day(obj: Any) -> date:
    return timezone.localtime(obj.updated_at).date()


def _custom(row: Row, custom: dict[str, Any]) -> None:
    for value in custom.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | int | float):
                row.add(item)


def customer_row(c: Customer) -> Row:
    tags = [t.name for t in c.tags.all()]
    row = Row("customer", c.pk, c.pk, c.name, _day(c), name_key=normalise(c.name).strip())
    row.add(c.name, "name" if c.kind == Customer.Kind.PERSON else "company", name=True)
    row.add(c.company, "company", name=True)
    row.add(c.phone, "phone")
    row.add(c.email, "email")
    for value in (c.title, c.address, c.province, c.city, c.district, c.industry, c.level):
        row.add(value)
    for tag in tags:
        row.add(tag)
    _custom(row, c.custom)
    row.tags = tags
    row.body = join_text(
        c.name,
        c.company,
        shown_phone(c.phone) if c.phone else "",
        c.email,
        c.province,
        c.city,
        c.address,
    )
    return row


def contact_row(c: Contact) -> Row:
    row = Row("contact", c.pk, c.customer_id, c.name, _day(c), name_key=normalise(c.name).strip())
    row.add(c.name, "name", name=True)
    for phone in c.phones or []:
        row.add(phone, "phone")
    for email in c.emails or []:
        row.add(email, "email")
    for value in (c.title, c.wechat, c.notes):
        row.add(value)
    phones, emails = " ".join(shown_phone(p) for p in c.phones or []), " ".join(c.emails or [])
    row.body = join_text(c.name, c.title, phones, emails, c.wechat, c.notes)[:BODY_CHARS]
    return row


def opportunity_row(o: Opportunity) -> Row:
    row = Row("opportunity", o.pk, o.customer_id, o.project, _day(o))
    row.name_key = normalise(o.project).strip()
    row.add(o.project, name=True)
    row.add(o.notes)
    _custom(row, o.custom)
    row.body = join_text(o.project, o.notes)[:BODY_CHARS]
    return row


def interaction_row(i: Interaction) -> Row:
    when = timezone.localtime(i.occurred_at).date()
    row = Row("interaction", i.pk, i.customer_id, f"{i.channel} {when.isoformat()}", _day(i))
    row.add(i.channel)
    row.add(i.summary[:INDEXED_TEXT_CHARS])
    _custom(row, i.custom)
    row.body = i.summary[:BODY_CHARS]
    return row


def service_row(s: ServiceRecord) -> Row:
    title = f"{s.service_type} {s.service_date.isoformat()}"
    row = Row("service_record", s.pk, s.customer_id, title, _day(s))
    row.add(s.service_type, name=True)
    row.add(s.result)
    row.add(s.notes[:INDEXED_TEXT_CHARS])
    _custom(row, s.custom)
    row.body = join_text(s.result, s.notes)[:BODY_CHARS]
    return row


def document_row(d: Document) -> Row:
    tags = [t.name for t in d.tags.all()]
    title = d.title or d.name
    row = Row("document", d.pk, d.customer_id, title, _day(d), name_key=normalise(title).strip())
    row.add(d.title, name=True)
    row.add(d.name, name=True)
    row.add(d.project)
    for tag in tags:
        row.add(tag)
    row.add(d.text[:INDEXED_TEXT_CHARS])
    row.tags = tags
    row.body = join_text(d.name, d.text[:BODY_CHARS])
    return row


@dataclass(frozen=True)
class Source:
    """Where the live objects of one kind come from, and how one becomes a row."""

    live: Callable[[], QuerySet[Any]]
    row: Callable[[Any], Row]


def _tags() -> Prefetch[Any]:
    return Prefetch("tags")


SOURCES: dict[str, Source] = {
    "customer": Source(
        lambda: Customer.objects.filter(deleted_at__isnull=True).prefetch_related(_tags()),
        customer_row,
    ),
    "contact": Source(lambda: Contact.objects.filter(deleted_at__isnull=True), contact_row),
    "opportunity": Source(
        lambda: Opportunity.objects.filter(deleted_at__isnull=True), opportunity_row
    ),
    "service_record": Source(
        lambda: ServiceRecord.objects.filter(deleted_at__isnull=True), service_row
    ),
    "interaction": Source(
        lambda: Interaction.objects.filter(deleted_at__isnull=True), interaction_row
    ),
    "document": Source(
        lambda: Document.objects.filter(deleted_at__isnull=True).prefetch_related(_tags()),
        document_row,
    ),
}


def scopes(customer_ids: set[int]) -> dict[int, dict[str, Any]]:
    """What the entries of each customer carry of it: live, owner, team, category, province."""
    rows = Customer.objects.filter(pk__in=customer_ids).values_list(
        "pk", "deleted_at", "owner_id", "team_id", "category_id", "province"
    )
    return {
        pk: {
            "live": deleted_at is None,
            "owner_id": owner_id,
            "team_id": team_id,
            "category_id": category_id,
            "province": province,
        }
        for pk, deleted_at, owner_id, team_id, category_id, province in rows
    }


def live_row(kind: str, object_id: int) -> Row | None:
    """The row of one object, or None when it is gone or in the trash."""
    source = SOURCES[kind]
    found: Model | None = source.live().filter(pk=object_id).first()
    return source.row(found) if found is not None else None


def batches(kind: str, size: int) -> Iterator[list[Row]]:
    """Every live object of a kind as rows, `size` at a time, in primary-key order."""
    source, after = SOURCES[kind], 0
    while True:
        chunk = list(source.live().filter(pk__gt=after).order_by("pk")[:size])
        if not chunk:
            return
        after = chunk[-1].pk
        yield [source.row(obj) for obj in chunk]
