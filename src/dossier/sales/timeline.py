"""What opportunities add to a customer's timeline."""

from __future__ import annotations

from dossier.core.actor import Actor
from dossier.customers.timeline import Entry
from dossier.sales import selectors


def opportunities(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    rows = selectors.opportunities(actor).filter(customer_id=customer_id).order_by("-updated_at")
    return [
        Entry(
            when=row.updated_at,
            kind="opportunity",
            title=f"{row.project} · {row.stage.name}",
            who=row.owner.shown_name,
            body=f"{row.currency} {row.amount:,.2f}" if row.amount is not None else "",
        )
        for row in rows[:limit]
    ]
