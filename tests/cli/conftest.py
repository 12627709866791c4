"""Run the real `dossier` command in a subprocess against its own fresh database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest


@pytest.fixture(scope="module")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A SQLite file, or a throw-away PostgreSQL database when the suite runs on PostgreSQL."""
    test_url = os.environ.get("DOSSIER_TEST_DATABASE_URL", "")
    if not test_url.startswith("postgres"):
        yield f"sqlite:///{tmp_path_factory.mktemp('cli') / 'dossier.db'}"
        return
    name = f"dossier_cli_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(test_url)
    with psycopg.connect(test_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(test_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Dossier:
    def __init__(self, data_dir: Path, database_url: str) -> None:
        self.env = {
            **os.environ,
            "DOSSIER_DATA_DIR": str(data_dir),
            "DOSSIER_DATABASE_URL": database_url,
            "LANG": "en_US.UTF-8",
            "COLUMNS": "200",
            "DJANGO_SETTINGS_MODULE": "dossier.settings",
        }

    def __call__(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "dossier", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"dossier {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory, database_url: str) -> Dossier:
    run = Dossier(tmp_path_factory.mktemp("data"), database_url)
    run(
        "init",
        "--admin-username",
        "root",
        "--admin-password",
        "correct-horse-battery",
        "--admin-email",
        "root@example.com",
        "--no-input",
    )
    return run
