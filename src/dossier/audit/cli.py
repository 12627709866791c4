"""`dossier audit …`: check the chain, read the trail."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils import timezone
from rich.console import Console
from rich.table import Table

from dossier.audit import selectors
from dossier.core.actor import Actor

app = typer.Typer(help="The tamper-evident audit trail.", no_args_is_help=True)
out = Console(highlight=False)
SYSTEM = Actor.system("cli")


@app.command()
def verify() -> None:
    """Check the hash chain: exit 0 when intact, 1 naming the first bad event."""
    count, broken = selectors.verify_chain(SYSTEM)
    if broken is None:
        out.print(f"OK: {count} events, chain intact.")
        return
    out.print(f"[red]BROKEN[/red] at event {broken.sequence}: {broken.reason}.")
    raise typer.Exit(1)


@app.command("list")
def list_events(
    limit: Annotated[int, typer.Option(help="How many of the newest")] = 20,
    actor: Annotated[str | None, typer.Option(help="Only this user's")] = None,
    action: Annotated[str | None, typer.Option(help="Action or its prefix, e.g. user.")] = None,
) -> None:
    """Show the newest audit events."""
    rows = selectors.events(SYSTEM, selectors.AuditFilter(actor=actor, action=action))[:limit]
    table = Table("#", "when", "who", "action", "object", "summary")
    for e in rows:
        table.add_row(
            str(e.sequence),
            timezone.localtime(e.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor,
            e.action,
            f"{e.object_type}:{e.object_id}",
            e.summary,
        )
    out.print(table)
