"""The reference pages cannot drift: every setting and every command must be documented."""

from __future__ import annotations

import re
from pathlib import Path

import click
import typer.main

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "dossier"


def _variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in [*SOURCE.rglob("*.py"), *(ROOT / "tests").rglob("*.py"), ROOT / ".ci" / "run"]:
        if path.exists() and path.name != "test_docs.py":
            names |= set(re.findall(r"\b(DOSSIER_[A-Z_]+)\b", path.read_text(encoding="utf-8")))
    return names


def _commands(group: click.Group, prefix: str = "dossier") -> list[str]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append(f"{prefix} {name}")
    return found


def test_every_setting_is_documented() -> None:
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = sorted(
        name for name in _variables_read_by_the_code() if f"`{name}`" not in documented
    )
    assert not missing, f"add to docs/configuration.md: {missing}"


def test_every_command_is_documented() -> None:
    from dossier.cli import build

    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_group(build())
    missing = [cmd for cmd in _commands(group) if f"`{cmd}" not in documented]
    assert not missing, f"add to docs/cli.md: {missing}"
