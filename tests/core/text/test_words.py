"""The compact word trie holds jieba's dictionary, number for number, and survives a bad cache."""

from __future__ import annotations

from math import log
from pathlib import Path

import pytest

from dossier.core.text import words as module
from dossier.core.text.words import build, words
from tests.core.text.reference import jieba_words


def test_holds_every_jieba_word_with_jiebas_score() -> None:
    freq, log_total = jieba_words()
    found = words()
    counted = {word: count for word, count in freq.items() if count}
    assert len(found.trie) == len(counted)
    assert found.log_total == log_total
    assert all(found.scores[found.trie.key_id(w)] == log(c) - log_total for w, c in counted.items())
    # jieba's prefixes of longer words (count 0) are not words.
    assert "北京大" in freq and "北京大" not in found


def test_indexes_say_exactly_which_words_may_start_where() -> None:
    freq, log_total = jieba_words()
    found = words()
    pairs = {(w[0], w[1]) for w, count in freq.items() if count and len(w) > 1}
    assert {(first, c) for first, chars in found.follows.items() for c in chars} == pairs
    ones = {w: log(count) - log_total for w, count in freq.items() if count and len(w) == 1}
    assert found.singles == ones


def _small_dictionary(tmp_path: Path) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text("北京 10 ns\n北京大学 3 nt\n大学 8 n\n北京 5 ns\n", encoding="utf-8")
    return path


def test_a_word_listed_twice_keeps_its_last_count_and_both_count(tmp_path: Path) -> None:
    found = build(_small_dictionary(tmp_path))
    assert found.log_total == log(10 + 3 + 8 + 5)
    assert found.scores[found.trie.key_id("北京")] == log(5) - log(26)
    assert found.longest == 4


def test_a_second_process_reads_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = _small_dictionary(tmp_path)
    name = module._cache_name(source)
    assert module._load_cached(name) is None
    module._save(name, build(source))
    assert (tmp_path / "cache" / "dossier" / name).exists()
    again = module._load_cached(name)
    assert again is not None
    built = build(source)
    assert (again.follows, again.singles, again.longest) == (built.follows, built.singles, 4)
    assert list(again.scores) == list(built.scores)
    assert list(again.trie.iter_prefixes_with_ids("北京大学")) == list(
        build(source).trie.iter_prefixes_with_ids("北京大学")
    )


def test_a_damaged_cache_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = _small_dictionary(tmp_path)
    name = module._cache_name(source)
    module._save(name, build(source))
    cached = tmp_path / "cache" / "dossier" / name
    cached.write_bytes(cached.read_bytes()[:-100])
    assert module._load_cached(name) is None
    cached.write_bytes(b"something else")
    assert module._load_cached(name) is None


def test_an_edited_dictionary_gets_a_new_cache(tmp_path: Path) -> None:
    source = _small_dictionary(tmp_path)
    before = module._cache_name(source)
    source.write_text("北京 10 ns\n", encoding="utf-8")
    assert module._cache_name(source) != before


def test_no_writable_cache_folder_only_costs_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setattr(module, "_cache_dirs", lambda: [blocker / "dossier"])
    source = _small_dictionary(tmp_path)
    module._save(module._cache_name(source), build(source))
    assert module._load_cached(module._cache_name(source)) is None


def test_a_child_process_builds_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The building process keeps memory it freed; a long-running one should not be it.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    name = module._cache_name(module._source())
    built = module._build_in_a_child(name)
    assert built is not None
    assert (tmp_path / "cache" / "dossier" / name).exists()
    assert len(built.trie) == len(words().trie)
    assert list(built.scores) == list(words().scores)


def test_a_cache_in_a_folder_others_may_write_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = _small_dictionary(tmp_path)
    name = module._cache_name(source)
    module._save(name, build(source))
    folder = tmp_path / "cache" / "dossier"
    assert module._load_cached(name) is not None
    folder.chmod(0o777)
    assert module._load_cached(name) is None
