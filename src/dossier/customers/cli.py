"""`dossier customers list|show|add|history`: the customer table from the command line."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from django.db import transaction
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from dossier.accounts.selectors import actor_by_username
from dossier.core.actor import Actor
from dossier.customers import selectors, services
from dossier.customers.domain import COLUMNS
from dossier.customers.sensitive import Revealer

app = typer.Typer(help="Customers: list, show, add.", no_args_is_help=True)
out = Console(highlight=False)
AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (default: system)")]


def _actor(username: str | None) -> Actor:
    return actor_by_username(username) if username else Actor.system("cli")


def _as_dict(actor: Actor, customer: Any, shown: Revealer | None = None) -> dict[str, Any]:
    return {
        "id": customer.pk,
        "kind": customer.kind,
        "name": customer.name,
        "company": customer.company,
        "phone": customer.phone,
        "email": customer.email,
        "province": customer.province,
        "city": customer.city,
        "industry": customer.industry,
        "level": customer.level,
        "category": customer.category.code,
        "owner": customer.owner.username,
        "tags": sorted(t.name for t in customer.tags.all()),
        "custom": selectors.shown_custom(actor, customer, shown),
        "version": customer.version,
        "updated_at": customer.updated_at.isoformat(),
    }


@app.command("list")
def list_customers(
    q: Annotated[
        str | None,
        typer.Option(
            help="Name or company words (pinyin too), phone digits, e-mail: as search finds them"
        ),
    ] = None,
    category: Annotated[str | None, typer.Option(help="prospect, active, lost, …")] = None,
    owner: Annotated[str | None, typer.Option(help="Owner's user name")] = None,
    tag: Annotated[str | None, typer.Option(help="Has this tag")] = None,
    limit: Annotated[int, typer.Option(help="At most this many")] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_user: AsUser = None,
) -> None:
    """List customers, newest change first."""
    actor = _actor(as_user)
    filters = selectors.CustomerFilter(q=q, category=category, owner=owner, tag=tag)
    rows = selectors.for_display(selectors.filtered(actor, filters))
    rows = rows.order_by("-updated_at", "-id")[:limit]
    if as_json:
        shown = selectors.revealer(actor)
        rows_out = [_as_dict(actor, c, shown) for c in rows]
        typer.echo(json.dumps(rows_out, ensure_ascii=False, indent=2))
        return
    table = Table("id", "name", "company", "phone", "category", "owner", "updated")
    for c in rows:
        table.add_row(
            str(c.pk),
            c.name,
            c.company,
            c.phone,
            c.category.name,
            c.owner.username,
            timezone.localtime(c.updated_at).strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


@app.command("show")
def show(customer_id: int, as_user: AsUser = None) -> None:
    """Show one customer as JSON."""
    actor = _actor(as_user)
    customer = selectors.customer(actor, customer_id)
    typer.echo(json.dumps(_as_dict(actor, customer), ensure_ascii=False, indent=2))


@app.command("add")
def add(
    name: str,
    kind: Annotated[str, typer.Option(help="person or company")] = "company",
    phone: Annotated[str | None, typer.Option()] = None,
    email: Annotated[str | None, typer.Option()] = None,
    company: Annotated[str | None, typer.Option()] = None,
    category: Annotated[str | None, typer.Option()] = None,
    owner: Annotated[
        str | None, typer.Option(help="Owner's user name (default: --as user)")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag; repeatable")] = None,
    field: Annotated[
        list[str] | None, typer.Option(help="KEY=VALUE of any template field; repeatable")
    ] = None,
    as_user: AsUser = None,
) -> None:
    """Add a customer; values are checked and normalised like everywhere else."""
    data: dict[str, Any] = {"name": name, "kind": kind, "custom": {}}
    for key, value in (
        ("phone", phone),
        ("email", email),
        ("company", company),
        ("category", category),
        ("owner", owner or as_user),
    ):
        if value:
            data[key] = value
    if tag:
        data["tags"] = tag
    for pair in field or []:
        key, _sep, value = pair.partition("=")
        target = data if key in COLUMNS else data["custom"]
        target[key] = value
    with transaction.atomic():
        customer = services.create_customer(_actor(as_user), data)
    out.print(f"Customer {customer.pk} “{customer.name}” added.")


@app.command("history")
def history(customer_id: int, as_user: AsUser = None) -> None:
    """Every revision of a customer: version, who, when, what changed."""
    table = Table("version", "when", "who", "action", "changes")
    for r in selectors.customer_history(_actor(as_user), customer_id):
        changes = "; ".join(f"{k}: {v[0]!r} → {v[1]!r}" for k, v in r.changes.items())
        table.add_row(
            str(r.version),
            timezone.localtime(r.occurred_at).strftime("%Y-%m-%d %H:%M"),
            r.actor,
            r.action,
            changes,
        )
    out.print(table)
