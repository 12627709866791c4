"""`dossier keys list` and `dossier keys rotate` on the installation's own store."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from typer.testing import CliRunner

from dossier.cli import build
from dossier.infra.config import kept_master_key, storage_from_url
from dossier.infra.storage.services import default_store


@pytest.fixture
def installation(tmp_path: Path, db: None) -> Iterator[Path]:
    key_file = kept_master_key(tmp_path / "master.key")
    storage = storage_from_url(str(tmp_path / "files"))
    with override_settings(MASTER_KEY="", MASTER_KEY_FILE=key_file, STORAGE=storage):
        default_store.cache_clear()
        yield key_file
    default_store.cache_clear()


def test_rotate_rewraps_and_list_shows_the_new_key(installation: Path) -> None:
    sha = default_store().put(io.BytesIO(b"customer contract")).sha256
    old_id = default_store().keyring.active.id
    runner = CliRunner()

    rotated = runner.invoke(build(), ["keys", "rotate"])
    assert rotated.exit_code == 0, rotated.output
    assert "1 data key(s) re-wrapped" in rotated.output
    assert f"Old key {old_id} is no longer used" in rotated.output

    listed = runner.invoke(build(), ["keys", "list"], env={"COLUMNS": "200"})
    new_id = default_store().keyring.active.id
    assert new_id in listed.output and old_id not in listed.output
    with default_store().open(sha) as stream:
        assert stream.read() == b"customer contract"
