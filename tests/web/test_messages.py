"""The Chinese catalogue is complete, and the committed .mo files match their .po files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "compile_messages.py"
CATALOGUE = ROOT / "src" / "dossier" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_compiled_catalogues_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_fails_when_a_catalogue_is_not_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    import compile_messages

    po = tmp_path / "locale" / "xx" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Yes"\nmsgstr "Oui"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(compile_messages, "SOURCE", tmp_path)
    monkeypatch.setattr(compile_messages, "catalogues", lambda: [po])
    assert compile_messages.stale(po) == "missing"
    assert compile_messages.main(["--check"]) == 1
    assert compile_messages.main([]) == 0
    assert compile_messages.stale(po) is None
    po.write_text(po.read_text(encoding="utf-8").replace("Oui", "Si"), encoding="utf-8")
    assert compile_messages.stale(po) == "out of date"


def test_every_message_has_a_chinese_translation() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if entry.fuzzy and not entry.obsolete]
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"
    assert len(catalogue.translated_entries()) > 100


def test_plural_forms_suit_chinese() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
