"""`dossier files …`: upload, import a shared folder, export a customer's files, storage GC."""

from __future__ import annotations

import json
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from django.db import transaction
from rich.console import Console
from rich.progress import Progress

from dossier.accounts.selectors import actor_by_username
from dossier.core.actor import Actor
from dossier.documents import selectors, services
from dossier.infra.storage.services import collect_garbage, default_store

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


@app.command("import-folder")
def import_folder(
    root: Annotated[Path, typer.Argument(help="A customer's folder", exists=True, file_okay=False)],
    customer: Annotated[int, typer.Option(help="The customer's number")],
    as_user: AsUser = None,
) -> None:
    """Bring in a customer's shared folder as it is: sub-folders become folders, every file a
    document. One transaction: a failure leaves nothing half-imported."""
    actor = _actor(as_user)
    paths = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    with Progress(console=out, transient=True) as progress, transaction.atomic():
        task = progress.add_task("Files", total=len(paths))
        for path in paths:
            relative = path.parent.relative_to(root).as_posix()
            folder = relative if relative != "." else None
            details = services.Details(folder=folder, create_folder=True)
            _upload(actor, customer, path, details)
            progress.advance(task)
    out.print(f"Imported {len(paths)} file(s).")


@app.command()
def export(
    customer: Annotated[int, typer.Option(help="The customer's number")],
    target: Annotated[Path, typer.Argument(help="The .zip to write")],
    as_user: AsUser = None,
) -> None:
    """Every current file of a customer in its folder, plus index.json with what is known."""
    actor = _actor(as_user)
    documents = list(selectors.for_display(selectors.readable(actor).filter(customer_id=customer)))
    paths = dict(selectors.folder_paths(list(selectors.folders(actor, customer))))
    index = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            version = selectors.version(actor, document.pk)
            name = f"{paths.get(document.folder_id, document.folder.name)}/{document.name}"
            with default_store().open(version.blob_id) as source, archive.open(name, "w") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)
            index.append(
                {
                    "path": name,
                    "type": document.doctype,
                    "tags": sorted(t.name for t in document.tags.all()),
                    "sha256": version.blob_id,
                    "original_name": version.original_name,
                    "version": document.current,
                }
            )
        archive.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=2))
    out.print(f"Wrote {len(documents)} file(s) to {target}.")


@app.command()
def gc(
    grace_hours: Annotated[int, typer.Option(help="Keep blobs younger than this")] = 24,
) -> None:
    """Delete stored contents no file version refers to any more (after the trash is purged)."""
    removed = collect_garbage(selectors.referenced_blobs, grace=timedelta(hours=grace_hours))
    out.print(f"Removed {removed} unreferenced blob(s).")
