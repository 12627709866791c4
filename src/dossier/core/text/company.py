"""Legal-form suffixes of company names (有限公司, Co., Ltd.), so the bare name matches."""

from __future__ import annotations

# Longest first, so 股份有限公司 goes in one step rather than leaving 股份.
HAN_SUFFIXES: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限合伙",
    "合伙企业",
    "有限公司",
    "股份公司",
    "分公司",
    "总公司",
    "公司",
    "集团",
    "控股",
)

LATIN_SUFFIXES: frozenset[str] = frozenset(
    {
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "nv",
        "pte",
        "pty",
        "srl",
        "spa",
        "kk",
        "group",
        "holdings",
    }
)

_LAST_CHARACTERS = frozenset(suffix[-1] for suffix in HAN_SUFFIXES)

# A bare name keeps at least this many characters: 华为公司 → 华为, but 公司 stays 公司.
_MIN_CORE = 2


def _strip(run: str, keep: int) -> str:
    stripped = run[-1:] in _LAST_CHARACTERS
    while stripped:
        stripped = False
        for suffix in HAN_SUFFIXES:
            if run.endswith(suffix) and len(run) - len(suffix) >= keep:
                run = run[: -len(suffix)]
                stripped = run[-1:] in _LAST_CHARACTERS
                break
    return run


def strip_han_suffixes(run: str) -> str:
    """The run without its trailing legal forms: 华为技术有限公司 → 华为技术; a run that is
    nothing but legal forms (有限公司) stays whole."""
    bare = _strip(run, 0)
    # Stripping down to _MIN_CORE or more characters never needed a shorter suffix, so
    # keeping _MIN_CORE strips the same way: only a core shorter than that takes a second look.
    return bare if len(bare) >= _MIN_CORE else run if not bare else _strip(run, _MIN_CORE)


def strip_latin_suffixes(words: list[str]) -> list[str]:
    """The words without trailing legal forms, keeping at least one word: acme co ltd → acme."""
    end = len(words)
    while end > 1 and words[end - 1] in LATIN_SUFFIXES:
        end -= 1
    return words[:end]
