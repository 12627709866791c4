"""The `dossier` command: sets Django up, then mounts every app's commands."""

from __future__ import annotations

import os
import sys

import django
import typer
from rich.console import Console

err = Console(stderr=True)


def build() -> typer.Typer:
    from dossier.accounts.cli import team_app, token_app, user_app
    from dossier.audit.cli import app as audit_app
    from dossier.customers.cli import app as customers_app
    from dossier.documents.cli import app as files_app
    from dossier.documents.cli import root as files_root
    from dossier.infra.storage.cli import app as keys_app
    from dossier.ops import app as ops_app
    from dossier.search.cli import app as search_app
    from dossier.search.cli import reindex_app

    root = typer.Typer(
        help="Dossier (客户档案): customer records and customer files.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
    root.registered_commands.extend(ops_app.registered_commands)
    root.registered_commands.extend(files_root.registered_commands)
    root.add_typer(user_app, name="user")
    root.add_typer(team_app, name="team")
    root.add_typer(token_app, name="token")
    root.add_typer(audit_app, name="audit")
    root.add_typer(customers_app, name="customers")
    root.add_typer(files_app, name="files")
    root.add_typer(keys_app, name="keys")
    root.add_typer(search_app, name="search")
    root.registered_commands.extend(reindex_app.registered_commands)
    return root


def terminal_language() -> str:
    """简体中文 for a Chinese terminal (LANG=zh_CN.UTF-8), English otherwise."""
    wanted = os.environ.get("DOSSIER_LANGUAGE") or os.environ.get("LANG") or ""
    return "zh-hans" if wanted.lower().startswith("zh") else "en"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dossier.settings")
    django.setup()
    from django.utils import translation

    from dossier.core.errors import DossierError

    translation.activate(terminal_language())

    try:
        build()()
    except DossierError as error:
        where = f" ({error.field})" if error.field else ""
        err.print(f"[red]error{where}:[/red] {error.message}", highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
