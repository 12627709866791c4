"""What customer files add to a customer's timeline."""

from __future__ import annotations

from dossier.core.actor import Actor
from dossier.customers.timeline import Entry
from dossier.documents import selectors
from dossier.documents.domain import DOCTYPES


def documents(actor: Actor, customer_id: int, limit: int) -> list[Entry]:
    rows = (
        selectors.readable(actor)
        .filter(customer_id=customer_id)
        .select_related("created_by", "folder")
    )
    return [
        Entry(
            when=row.created_at,
            kind="file",
            title=row.name,
            who=row.created_by.shown_name if row.created_by else "",
            body=f"{DOCTYPES.get(row.doctype, DOCTYPES['other'])[0]} · {row.folder.name}",
        )
        for row in rows.order_by("-created_at")[:limit]
    ]
