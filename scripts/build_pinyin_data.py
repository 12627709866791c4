"""Write the tokeniser's pinyin tables from pypinyin, so that the tokeniser needs no pypinyin.

    python scripts/build_pinyin_data.py           write src/dossier/core/text/data/pinyin_*.txt
    python scripts/build_pinyin_data.py --check   exit 1 if they differ from what it would write

pypinyin's dictionaries take about 55 MB in a process; the tokeniser needs only two things:

- each character's everyday toneless reading (ü as v), as ``lazy_pinyin(char)`` gives it:
  ``pinyin_chars.txt``, one line per syllable followed by its characters;
- the phrases of ``PHRASES_DICT`` whose readings, made toneless, differ from their characters'
  everyday readings (银行 yin hang, not yin xing): ``pinyin_phrases.txt``, about 3,500 lines.
  Every other phrase reads as its characters do, so it needs no entry.

Both keep the tokeniser's rules as they were when it read pypinyin itself: only the letters a-z
of a syllable count, and a phrase whose readings do not give one syllable per character is read
character by character. tests/core/text/test_pinyin.py checks the tables against pypinyin.
Regenerate after upgrading pypinyin only together with a re-index: terms would change.
"""

from __future__ import annotations

import argparse
import sys
from importlib.metadata import version
from pathlib import Path

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT
from pypinyin.contrib.tone_convert import to_normal

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "dossier" / "core" / "text" / "data"
CHARS = DATA / "pinyin_chars.txt"
PHRASES = DATA / "pinyin_phrases.txt"
SURROGATES = range(0xD800, 0xE000)


def letters(syllables: list[str], expected: int) -> tuple[str, ...] | None:
    """The syllables reduced to a-z, or None unless there are `expected` non-empty ones."""
    cleaned = tuple("".join(c for c in s if "a" <= c <= "z") for s in syllables)
    return cleaned if len(cleaned) == expected and all(cleaned) else None


def char_reading(char: str) -> str | None:
    found = letters(lazy_pinyin(char), 1)
    return found[0] if found else None


def phrase_reading(word: str, readings: list[list[str]]) -> tuple[str, ...] | None:
    return letters([to_normal(reading[0]) for reading in readings], len(word))


def char_table() -> dict[str, str]:
    table = {}
    for code in range(sys.maxunicode + 1):
        if code not in SURROGATES and (found := char_reading(chr(code))):
            table[chr(code)] = found
    return table


def chars_text(table: dict[str, str]) -> str:
    by_syllable: dict[str, list[str]] = {}
    for char, syllable in table.items():
        by_syllable.setdefault(syllable, []).append(char)
    lines = [
        f"# Everyday toneless pinyin of single characters (ü as v), from pypinyin "
        f"{version('pypinyin')} lazy_pinyin.",
        "# Written by scripts/build_pinyin_data.py: a syllable, a tab, its characters.",
        *(f"{syllable}\t{''.join(chars)}" for syllable, chars in sorted(by_syllable.items())),
    ]
    return "\n".join(lines) + "\n"


def phrases_text(table: dict[str, str]) -> str:
    lines = [
        f"# Phrases of pypinyin {version('pypinyin')} PHRASES_DICT whose toneless pinyin differs "
        "from their characters' own.",
        "# Written by scripts/build_pinyin_data.py: a phrase, a tab, its syllables "
        "(nothing: no pinyin).",
    ]
    for word, readings in sorted(PHRASES_DICT.items()):
        if len(word) < 2 or not readings or len(readings) != len(word):
            continue  # read character by character, as the tokeniser always did
        own = phrase_reading(word, readings)
        chars = [table.get(char) for char in word]
        if own != (None if None in chars else tuple(chars)):
            lines.append(f"{word}\t{' '.join(own or ())}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    table = char_table()
    wanted = {CHARS: chars_text(table), PHRASES: phrases_text(table)}
    stale = [
        path
        for path, text in wanted.items()
        if not path.exists() or path.read_text("utf-8") != text
    ]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
        return 1 if stale else 0
    DATA.mkdir(exist_ok=True)
    for path in stale:
        path.write_text(wanted[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
