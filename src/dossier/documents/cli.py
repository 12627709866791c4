"""`dossier files …`: upload, import a shared folder, export a customer's files, storage GC."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from django.db import transaction
from rich.console import Console
from rich.progress import Progress

from dossier.accounts.selectors import actor_by_username
from dossier.core.actor import Actor
from dossier.customers import selectors as customer_selectors
from dossier.documents import selectors, services
from dossier.documents.services import imports
from dossier.infra.storage.services import collect_garbage

app = typer.Typer(help="Customer files: upload, import, export.", no_args_is_help=True)
out = Console(highlight=False)
AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (default: system)")]


def _actor(username: str | None) -> Actor:
    return actor_by_username(username) if username else Actor.system("cli")


def _upload(actor: Actor, customer: int, path: Path, details: services.Details) -> str:
    with path.open("rb") as stream:
        document = services.upload_document(
            actor, customer, services.Upload(stream, path.name), details
        )
    return f"{document.folder.name}/{document.name}"


@app.command()
def upload(
    files: Annotated[
        list[Path], typer.Argument(help="Files to upload", exists=True, dir_okay=False)
    ],
    customer: Annotated[int, typer.Option(help="The customer's number")],
    folder: Annotated[str | None, typer.Option(help="Folder name or path, e.g. 合同/2024")] = None,
    doctype: Annotated[
        str | None, typer.Option("--type", help="contract, quote, invoice …")
    ] = None,
    project: Annotated[str, typer.Option(help="Project name for the naming rule")] = "",
    as_user: AsUser = None,
) -> None:
    """Upload files to a customer; each is named by the naming rule and filed by its type."""
    actor = _actor(as_user)
    details = services.Details(folder=folder, doctype=doctype, project=project)
    with transaction.atomic():
        for path in files:
            out.print(f"{path}  →  {_upload(actor, customer, path, details)}")


root = typer.Typer()  # commands mounted at the top: `dossier import-folder`, `dossier export`


@root.command("import-folder")
def import_folder(
    path: Annotated[Path, typer.Argument(help="The folder that holds the customer folders")],
    customer_level: Annotated[
        int, typer.Option(help="Depth of the folders that name customers (0: right below PATH)")
    ] = 0,
    dry_run: Annotated[bool, typer.Option(help="Print the plan; change nothing")] = False,
    owner: Annotated[str | None, typer.Option(help="Owner of customers it creates")] = None,
    as_user: AsUser = None,
) -> None:
    """Bring in a tree of customer folders: each customer folder is matched to a customer
    (exact, then close) or makes a new one; sub-folders become folders; file dates are kept.
    Files the customer has already are skipped, so a second run imports nothing twice."""
    actor = _actor(as_user)
    plan = imports.plan_folder(actor, path, customer_level=customer_level)
    for match in plan.customers.values():
        target = f"#{match.customer_id} {match.name}" if match.customer_id else "a new customer"
        out.print(f"{match.folder}  →  {target}  ({match.how})")
    out.print(
        f"{len(plan.files)} file(s) to import, {plan.already} already there, "
        f"{len(plan.outside)} above the customer folders and {len(plan.empty)} empty (left out)."
    )
    if dry_run:
        return
    with Progress(console=out, transient=True) as progress, transaction.atomic():
        task = progress.add_task("Files", total=len(plan.files))
        done = imports.import_folder(
            actor, plan, owner=owner, on_file=lambda: progress.advance(task)
        )
    out.print(f"Imported {done.files} file(s); made {done.customers_made} new customer(s).")


@root.command()
def export(
    to: Annotated[Path, typer.Option("--to", help="The .zip to write")],
    customer: Annotated[int | None, typer.Option(help="One customer's number")] = None,
    all_customers: Annotated[bool, typer.Option("--all", help="Every customer")] = False,
    as_user: AsUser = None,
) -> None:
    """A dossier as a ZIP: folders named by the rules, current versions, and manifest.csv
    (name, path, type, date, SHA-256)."""
    if (customer is None) == (not all_customers):
        raise typer.BadParameter("give either --customer ID or --all")
    actor = _actor(as_user)
    if customer is not None:
        customer_selectors.customer(actor, customer)  # 404 for one the actor may not see
    count = imports.export_dossiers(actor, to, None if all_customers else [customer or 0])
    out.print(f"Wrote {count} file(s) to {to}.")


@app.command()
def gc(
    grace_hours: Annotated[int, typer.Option(help="Keep blobs younger than this")] = 24,
) -> None:
    """Delete stored contents no file version refers to any more (after the trash is purged)."""
    removed = collect_garbage(selectors.referenced_blobs, grace=timedelta(hours=grace_hours))
    out.print(f"Removed {removed} unreferenced blob(s).")
