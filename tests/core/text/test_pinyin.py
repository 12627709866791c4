"""The pinyin tables in core/text/data read every character and every phrase as pypinyin does."""

from __future__ import annotations

from pypinyin.constants import PHRASES_DICT

from dossier.core.text.pinyin import char_pinyin, word_pinyin
from tests.core.text import reference
from tests.core.text.reference import jieba_words

# Planes 0-3: every CJK block and every character pypinyin knows.
CODE_POINTS = [c for c in range(0x40000) if not 0xD800 <= c < 0xE000]


def test_every_character_reads_as_lazy_pinyin_gave_it() -> None:
    old = reference.char_pinyin.__wrapped__
    differ = [chr(c) for c in CODE_POINTS if char_pinyin(chr(c)) != old(chr(c))]
    assert not differ, differ[:20]


def test_every_phrase_reads_as_pypinyins_phrase_dictionary_gave_it() -> None:
    old = reference.word_pinyin.__wrapped__
    differ = [word for word in PHRASES_DICT if word_pinyin.__wrapped__(word) != old(word)]
    assert not differ, differ[:20]


def test_every_jieba_word_reads_as_before() -> None:
    old = reference.word_pinyin.__wrapped__
    words = [word for word, count in jieba_words()[0].items() if count]
    differ = [word for word in words if word_pinyin.__wrapped__(word) != old(word)]
    assert not differ, differ[:20]


def test_examples() -> None:
    assert char_pinyin("绿") == "lv"
    assert char_pinyin("曾") == "ceng"
    assert char_pinyin("𠀀") == "he"
    assert char_pinyin("。") is None
    assert char_pinyin("张三") is None
    assert word_pinyin("银行") == ("yin", "hang")
    assert word_pinyin("长沙") == ("chang", "sha")
    assert word_pinyin("张三") == ("zhang", "san")
    assert word_pinyin("张。") is None
