"""`dossier search QUERY`, `dossier search match FILE` and `dossier reindex`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from django.db import transaction
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from typer.core import TyperGroup

from dossier.accounts.selectors import actor_by_username
from dossier.core.actor import Actor
from dossier.documents.extract import ExtractionError, extract
from dossier.search import selectors, services
from dossier.search.domain import KINDS

out = Console(highlight=False)
AsUser = Annotated[str | None, typer.Option("--as", help="Act as this user (default: system)")]
_MARK = re.compile(r"</?mark>")


class QueryByDefault(TyperGroup):
    """`dossier search 张三` runs the query; `dossier search match FILE` the subcommand."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored Context
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["query", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(help="Search everything you may see.", cls=QueryByDefault, no_args_is_help=True)
reindex_app = typer.Typer()


def _actor(username: str | None) -> Actor:
    return actor_by_username(username) if username else Actor.system("cli")


@app.command("query")
def query(
    q: Annotated[str, typer.Argument(help="What to look for")],
    kind: Annotated[str | None, typer.Option(help=", ".join(KINDS))] = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_user: AsUser = None,
) -> None:
    """Search (the default: `dossier search QUERY`)."""
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"choose one of {', '.join(KINDS)}", param_hint="--kind")
    filters = selectors.SearchFilter(kind=KINDS[kind] if kind else None)
    found = selectors.search(_actor(as_user), q, filters, limit=limit)
    if as_json:
        results = [
            {
                "kind": h.kind,
                "id": h.object_id,
                "title": h.title,
                "snippet": h.snippet,
                "score": h.score,
            }
            for h in found.hits
        ]
        body = {
            "results": results,
            "facets": found.facets,
            "total": found.total,
            "total_exact": found.total_exact,
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    table = Table("kind", "id", "title", "snippet", "score")
    for h in found.hits:
        plain = _MARK.sub("", h.snippet)
        table.add_row(h.kind, str(h.object_id), h.title, plain, f"{h.score:.2f}")
    out.print(table)
    out.print(f"{found.total} found" if found.total_exact else f"more than {found.total} found")


@app.command("match")
def match(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    limit: Annotated[int, typer.Option(min=1, max=50)] = 5,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_user: AsUser = None,
) -> None:
    """The customers a file belongs to, by the names, phones and credit codes in it."""
    with file.open("rb") as stream:
        try:
            text = extract(stream, filename=file.name).text
        except ExtractionError:
            text = ""  # the file name alone may still name the customer
    found = selectors.match_customers(_actor(as_user), filename=file.name, text=text, limit=limit)
    if as_json:
        typer.echo(json.dumps([m.__dict__ for m in found], ensure_ascii=False, indent=2))
        return
    table = Table("customer", "name", "score", "why")
    for m in found:
        table.add_row(str(m.customer_id), m.name, f"{m.score:.1f}", m.reason)
    out.print(table if found else "No customer found in this file.")


@reindex_app.command("reindex")
def reindex(
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds (repeatable)")] = None,
) -> None:
    """Rebuild the search index from the records, with a progress bar."""
    kinds = [KINDS.get(k, k) for k in kind] if kind else None
    if kinds and (bad := [k for k in kinds if k not in KINDS.values()]):
        raise typer.BadParameter(f"unknown kind {bad[0]}", param_hint="--kind")
    total = services.count_indexable(kinds)
    with Progress(console=out, transient=True) as progress, transaction.atomic():
        task = progress.add_task("Indexing", total=total)
        done = services.reindex(kinds=kinds, progress=lambda n: progress.advance(task, n))
    out.print(f"Indexed {done} objects.")
