"""jieba's dictionary as a compact trie (about 5 MB instead of jieba's 80 MB), cached on disk."""

from __future__ import annotations

import array
import importlib.util
import math
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Protocol

# Bump when the cache file's layout or the meaning of its numbers changes.
_FORMAT = b"dossier-jieba-words-1\n"
_HEADER = struct.Struct("<IIdII")


class Trie(Protocol):
    """The part of marisa_trie.Trie the tokeniser uses."""

    def __contains__(self, key: object) -> bool: ...

    def __len__(self) -> int: ...

    def iter_prefixes_with_ids(self, key: str) -> Iterator[tuple[str, int]]: ...

    def iterkeys(self, prefix: str | None = None) -> Iterator[str]: ...

    def key_id(self, key: str) -> int: ...

    def tobytes(self) -> bytes: ...


@dataclass(frozen=True)
class Words:
    """Every word of jieba's dictionary; ``scores[trie.key_id(word)]`` is jieba's
    ``log(count) - log(total)`` for it, the same float jieba computes.

    Two small indexes spare the trie most calls: ``follows[c]`` holds every character that
    follows ``c`` in a word of two or more characters, so a position whose next character is
    not there starts no such word; ``singles`` holds the score of each one-character word.
    """

    trie: Trie
    scores: array.array[float]
    log_total: float
    longest: int
    follows: dict[str, str]
    singles: dict[str, float]

    def __contains__(self, word: str) -> bool:
        return word in self.trie


def _source() -> Path:
    # jieba's own dictionary file, found without importing jieba (its import loads the HMM
    # tables, about 20 MB, which a cut without HMM never uses).
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("jieba is not installed: its dictionary is the word list")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def _lines(path: Path) -> Iterator[tuple[str, int]]:
    # Read as jieba's gen_pfdict reads it: word and count are the first two fields.
    with path.open("rb") as lines:
        for line in lines:
            word, count = line.strip().decode("utf-8").split(" ")[:2]
            yield word, int(count)


def build(path: Path) -> Words:
    """The trie of a jieba dictionary file, and its scores, as jieba.Tokenizer would count."""
    import marisa_trie

    trie: Trie = marisa_trie.Trie(word for word, _ in _lines(path))
    counts = array.array("Q", bytes(8 * len(trie)))
    total = longest = 0
    for word, count in _lines(path):
        if count <= 0:
            # jieba would keep such a word as a mere prefix; its dictionary has none.
            raise ValueError(f"{path}: {word!r} has no positive count")
        # A word listed twice keeps its last count, and both count towards the total.
        counts[trie.key_id(word)] = count
        total += count
        longest = max(longest, len(word))
    log_total = math.log(total)
    scores = array.array("d", (math.log(count) - log_total for count in counts))
    return Words(trie, scores, log_total, longest, *_indexes(trie, scores))


def _indexes(trie: Trie, scores: array.array[float]) -> tuple[dict[str, str], dict[str, float]]:
    # Grouped by first character through the trie, so only one group's keys live at a time.
    singles = {word: scores[trie.key_id(word)] for word in trie.iterkeys() if len(word) == 1}
    firsts = {word[0] for word in trie.iterkeys() if len(word) > 1}
    follows = {
        first: "".join(sorted({word[1] for word in trie.iterkeys(first) if len(word) > 1}))
        for first in sorted(firsts)
    }
    return follows, singles


def _write(out: IO[bytes], words: Words) -> None:
    follows = "\n".join(first + chars for first, chars in words.follows.items()).encode()
    singles = "".join(words.singles).encode()
    size, longest, log_total = len(words.scores), words.longest, words.log_total
    out.write(_FORMAT + _HEADER.pack(size, longest, log_total, len(follows), len(singles)))
    words.scores.tofile(out)
    out.write(follows + singles + words.trie.tobytes())


def _read(path: Path) -> Words:
    import marisa_trie

    with path.open("rb") as cached:
        if cached.read(len(_FORMAT)) != _FORMAT:
            raise ValueError("not a word cache of this version")
        size, longest, log_total, follows, singles = _HEADER.unpack(cached.read(_HEADER.size))
        scores = array.array("d")
        scores.fromfile(cached, size)  # straight into the array, no copy of the file
        lines = cached.read(follows).decode().split("\n")
        chars = cached.read(singles).decode()
        trie: Trie = marisa_trie.Trie().frombytes(cached.read())
    if len(trie) != size:
        raise ValueError("a damaged word cache")
    first_of = {line[0]: line[1:] for line in lines if line}
    own = {char: scores[trie.key_id(char)] for char in chars}
    return Words(trie, scores, log_total, longest, first_of, own)


def _cache_dirs() -> list[Path]:
    import tempfile  # here, like every cache step: importing the tokeniser stays cheap

    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [Path(home) / "dossier", Path(tempfile.gettempdir()) / f"dossier-{os.getuid()}"]


def _cache_name(path: Path) -> str:
    # As jieba keys its own cache: the file's size and time tell a changed dictionary.
    found = path.stat()
    version = _FORMAT.decode().strip().rsplit("-", 1)[-1]
    return f"jieba-words-{version}-{found.st_size}-{found.st_mtime_ns}.bin"


def _ours(folder: Path) -> bool:
    # In a shared temporary directory another user could have made the folder first: a cache
    # is trusted only in a folder of this user's that nobody else may write to.
    found = folder.stat()
    return found.st_uid == os.getuid() and not found.st_mode & 0o022


def _load_cached(name: str) -> Words | None:
    for folder in _cache_dirs():
        try:
            if _ours(folder):
                return _read(folder / name)
        except (OSError, EOFError, ValueError, RuntimeError):
            continue
    return None


def _save(name: str, words: Words) -> None:
    import tempfile

    for folder in _cache_dirs():
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not _ours(folder):
                continue
            # Written aside and renamed: a process reading it never sees half a file.
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".", delete=False) as out:
                _write(out, words)
        except OSError:
            continue
        try:
            os.replace(out.name, folder / name)
            return
        except OSError:
            Path(out.name).unlink(missing_ok=True)


def _build_in_a_child(name: str) -> Words | None:
    # Building churns about 25 MB that a long-running process would keep (freed, but not given
    # back): a child process builds and caches the trie, and this one reads the cache.
    import subprocess
    import sys

    command = [sys.executable, "-m", "dossier.core.text.words"]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=300)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    return _load_cached(name)


@cache
def words() -> Words:
    """jieba's default dictionary, built on first use (about a second, in a child process)
    and cached on disk (under $XDG_CACHE_HOME or ~/.cache, else the temporary directory)."""
    path = _source()
    name = _cache_name(path)
    found = _load_cached(name) or _build_in_a_child(name)
    if found is None:  # no writable cache folder, or no way to start a child: build here
        found = build(path)
        _save(name, found)
    return found


if __name__ == "__main__":
    _save(_cache_name(_source()), build(_source()))
