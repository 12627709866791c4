"""Compile every django.po under src/dossier into the django.mo beside it, without GNU gettext.

    python scripts/compile_messages.py           write the .mo files
    python scripts/compile_messages.py --check   exit 1 if any .mo is missing or out of date

Users install Dossier with pip, where gettext's `msgfmt` is rarely present, so the compiled
catalogues are committed; `--check` (run by the test suite) keeps them in step with the .po.

To collect new messages first (needs GNU gettext on the developer's machine):

    cd src/dossier && DJANGO_SETTINGS_MODULE=dossier.settings \
        django-admin makemessages -l zh_Hans --add-location file --ignore "*.egg-info"
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "dossier"


def catalogues(source: Path = SOURCE) -> list[Path]:
    return sorted(source.glob("**/locale/*/LC_MESSAGES/*.po"))


def compiled(po_path: Path) -> bytes:
    """The .mo bytes of a .po file; fuzzy and untranslated entries are left out, as msgfmt does."""
    return bytes(polib.pofile(str(po_path)).to_binary())


def stale(po_path: Path) -> str | None:
    """Why the .mo beside `po_path` needs compiling, or None when it is current."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return "missing"
    if mo_path.read_bytes() != compiled(po_path):
        return "out of date"
    return None


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report .mo files that are missing or out of date"
    )
    args = parser.parse_args(argv)
    found = catalogues()
    if not found:
        print(f"no django.po files under {SOURCE}", file=sys.stderr)
        return 1
    problems = 0
    for po_path in found:
        reason = stale(po_path)
        shown = _shown(po_path.with_suffix(".mo"))
        if reason is None:
            print(f"ok       {shown}")
        elif args.check:
            problems += 1
            print(f"{reason:<8} {shown}: run scripts/compile_messages.py", file=sys.stderr)
        else:
            po_path.with_suffix(".mo").write_bytes(compiled(po_path))
            print(f"compiled {shown}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
