"""`dossier keys …`: the master keys that wrap every stored file's data key."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from dossier.infra.storage import selectors, services

app = typer.Typer(help="Master keys that encrypt the stored files.", no_args_is_help=True)
out = Console(highlight=False)


@app.command("list")
def list_keys() -> None:
    """Show the master keys (ids only), which one is active, and how many files each wraps."""
    keyring = services.default_store().keyring
    usage = selectors.blobs_per_master_key()
    where = str(keyring.path) if keyring.path else "DOSSIER_MASTER_KEY"
    table = Table("key id", "state", "files", title=f"Master keys from {where}")
    for index, key in enumerate(keyring.keys):
        table.add_row(key.id, "active" if index == 0 else "old", str(usage.pop(key.id, 0)))
    for missing, count in sorted(usage.items()):
        table.add_row(missing, "[red]missing[/red]", str(count))
    out.print(table)


@app.command()
def rotate() -> None:
    """Re-wrap every file's data key under a new master key; the files are not re-encrypted."""
    keyring = services.default_store().keyring
    if keyring.path is None:
        out.print("DOSSIER_MASTER_KEY is set: its first key is the new one (NEW,OLD,…).")
    result = services.rotate_master_key(keyring)
    out.print(f"Active master key {result.active_id}: {result.rewrapped} data key(s) re-wrapped.")
    for key_id in result.retired:
        done = "removed from the key file" if keyring.path else "may be removed from the variable"
        out.print(f"Old key {key_id} is no longer used and {done}.")
    if result.still_used:
        out.print(f"[red]Still in use:[/red] {', '.join(result.still_used)}; run rotate again.")
        raise typer.Exit(1)
