"""Commands that run the installation: init, migrate, serve, worker, demo."""

from __future__ import annotations

import contextlib
import ctypes
import signal
from pathlib import Path
from typing import Annotated

import typer
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from rich.console import Console

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.core.actor import Actor

app = typer.Typer()
UPLOAD_FRAMING_BYTES = 1 << 20
RECV_BYTES = 256 << 10
# A response waits for the client once 2 MiB are queued, and a queue is kept in memory up to
# 4 MiB, so a download never reaches waitress's temporary file (about 3 MiB per connection).
OUTBUF_HIGH_WATERMARK = 2 << 20
OUTBUF_OVERFLOW = 4 << 20
M_ARENA_MAX = -8  # glibc's mallopt parameter
MALLOC_ARENAS = 2
out = Console(highlight=False)


def _pending_migrations() -> bool:
    executor = MigrationExecutor(connection)
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _fewer_malloc_arenas() -> None:
    """glibc gives every thread a malloc arena of its own, and each arena keeps the 1 MiB buffers
    of the file transfers its thread served: after eight uploads and downloads the server was
    65 MiB larger, one step per request thread. Two shared arenas keep that to about 16 MiB at
    no measured cost in throughput (docs/PERFORMANCE.md, Files). Must run before the threads
    start; elsewhere than glibc it does nothing."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def _prompt_missing(value: str | None, prompt: str, *, hide: bool = False) -> str:
    if value:
        return value
    return str(typer.prompt(prompt, hide_input=hide, confirmation_prompt=hide))


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    call_command("migrate", interactive=False, verbosity=0)
    out.print("Database is up to date.")


@app.command()
def init(
    admin_username: Annotated[str | None, typer.Option(help="First admin's user name")] = None,
    admin_password: Annotated[str | None, typer.Option(help="First admin's password")] = None,
    admin_email: Annotated[str | None, typer.Option(help="First admin's e-mail")] = None,
    no_input: Annotated[bool, typer.Option("--no-input", help="Never prompt")] = False,
) -> None:
    """Create the data directory, migrate, and create the first admin (once)."""
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    out.print(f"Data directory: {settings.DATA_DIR}")
    if User.objects.filter(role__code="admin").exists():
        out.print("An admin exists already; nothing more to do.")
        return
    if no_input and not (admin_username and admin_password):
        raise typer.BadParameter("--no-input needs --admin-username and --admin-password")
    spec = accounts.NewUser(
        username=_prompt_missing(admin_username, "Admin user name"),
        password=_prompt_missing(admin_password, "Admin password", hide=True),
        email=admin_email or ("" if no_input else typer.prompt("Admin e-mail", default="")),
        role="admin",
    )
    with transaction.atomic():
        accounts.create_user(Actor.system("cli"), spec)
    out.print(f"Admin [bold]{spec.username}[/bold] created.")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    threads: Annotated[int, typer.Option(help="Request threads")] = 8,
    worker: Annotated[
        bool, typer.Option(help="Also run background jobs in this process (text extraction …)")
    ] = True,
) -> None:
    """Serve the web UI and the API with a production WSGI server (waitress).

    On one machine one process does everything: with --worker (the default) background jobs
    run in a thread beside the web server. Scaled out, run `--no-worker` web processes and
    separate `dossier worker` processes."""
    import threading

    from waitress import serve as waitress_serve

    from dossier.infra.jobs.runner import work
    from dossier.wsgi import application

    if _pending_migrations():
        out.print("[red]The database is not migrated.[/red] Run `dossier init` first.")
        raise typer.Exit(2)
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # noqa: S104 - only displayed
    out.print(f"Dossier is serving on [bold]http://{shown}:{port}/[/bold]  (Ctrl+C stops it)")
    _fewer_malloc_arenas()
    if worker:
        threading.Thread(target=work, name="dossier-worker", daemon=True).start()
    waitress_serve(
        application,
        host=host,
        port=port,
        threads=threads,
        ident="Dossier",
        _quiet=True,
        # waitress refuses bodies over 1 GiB by default; allow the largest file an upload may
        # carry (DOSSIER_MAX_UPLOAD_MB) plus room for the multipart framing and form fields.
        max_request_body_size=settings.MAX_UPLOAD_BYTES + UPLOAD_FRAMING_BYTES,
        # Read the socket in 256 KiB pieces instead of 8 KiB: a 1 GiB body is 4,096 trips
        # through waitress's loop instead of 131,072. Bodies still spool to a temporary file
        # past `inbuf_overflow` (512 KiB), so memory stays flat.
        recv_bytes=RECV_BYTES,
        # By default waitress queues up to 16 MiB per response and spools past 1 MiB to a
        # temporary file: a download was written to disk and read back before it was sent.
        outbuf_high_watermark=OUTBUF_HIGH_WATERMARK,
        outbuf_overflow=OUTBUF_OVERFLOW,
    )


@app.command()
def worker(
    once: Annotated[bool, typer.Option(help="Run due jobs, then exit")] = False,
) -> None:
    """Run background jobs until stopped (SIGTERM or Ctrl+C finish the current job first)."""
    from dossier.infra.jobs.runner import work

    stopping = {"now": False}

    def stop(*_args: object) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    count = work(once=once, should_stop=lambda: stopping["now"])
    out.print(f"Ran {count} job(s).")


@app.command()
def demo(
    seed: Annotated[int, typer.Option(help="Random seed")] = 2026,
    customers: Annotated[int, typer.Option(help="How many demo customers")] = 300,
) -> None:
    """Fill this instance with realistic demo data and print the demo logins."""
    from rich.progress import Progress

    from dossier.demo import DEMO_PASSWORD, load_demo

    with Progress(console=out, transient=True) as progress, transaction.atomic():
        task = progress.add_task("Demo customers", total=customers)
        logins = load_demo(
            seed=seed, customers=customers, on_customer=lambda: progress.advance(task)
        )
    out.print(
        f"Demo data is loaded. Sign in with any of these (password [bold]{DEMO_PASSWORD}[/bold]):"
    )
    for username, role, team in logins:
        out.print(f"  {username:<12} {role:<8} {team or ''}")
