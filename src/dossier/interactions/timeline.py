"""What interactions and service records add to a customer's timeline."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.core.actor import Actor
from dossier.customers.timeline import Entry
from dossier.interactions import selectors


def interactions(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    rows = selectors.interactions(actor).filter(customer_id=customer_id)[:limit]
    return [
        Entry(
            when=row.occurred_at,
            kind="interaction",
            title=f"{row.channel}" + (f" · {row.contact.name}" if row.contact else ""),
            who=row.created_by.shown_name if row.created_by else "",
            body=row.summary,
        )
        for row in rows
    ]


def service_records(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    rows = selectors.service_records(actor).filter(customer_id=customer_id)[:limit]
    entries = []
    for row in rows:
        score = _("satisfaction %(n)s/5") % {"n": row.satisfaction} if row.satisfaction else ""
        entries.append(
            Entry(
                # A service record has a day, not a time: it sorts at the end of that day.
                when=timezone.make_aware(datetime.combine(row.service_date, time.max)),
                kind="service",
                title=" · ".join(p for p in (row.service_type, score) if p),
                who=row.handler.shown_name,
                body=row.result or row.notes,
            )
        )
    return entries
