"""Naming rules for customer files: templates with placeholders, rendered to safe file names."""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from dossier.core.values import BadValue

DEFAULT_RULE = "{customer}_{project}_{date:%Y%m%d}"
PLACEHOLDERS = ("customer", "project", "doctype", "date", "version", "original", "seq")
DEFAULT_DATE_FORMAT = "%Y%m%d"
RULE_MAX_LENGTH = 200
MAX_LENGTH = 180
MIN_LENGTH = 32  # room for the longest extension and a " (123456789)" collision suffix
MAX_BYTES = 254  # ext4, NTFS, APFS and most others allow 255 bytes; keep one in hand
UNTITLED = "未命名"

_TEXT_PLACEHOLDERS = frozenset({"customer", "project", "doctype", "original"})
_INT_PLACEHOLDERS = frozenset({"version", "seq"})
# strftime directives every platform's C library agrees on; glibc extras such as %-d or %e
# would render differently (or not at all) on another server.
_DATE_DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
_INT_FORMAT = re.compile(r"(0?[1-9][0-9]?)?d")
_TOKEN = re.compile(r"\{\{|\}\}|\{[^{}]*\}|[^{}]+|[{}]")
_EXTENSION = re.compile(r"\.([A-Za-z0-9]{1,10})$")
_RESERVED = re.compile(r"(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9]) *$", re.IGNORECASE)
_KEPT_PUNCTUATION = frozenset("_-.()（）【】 ")
_SEPARATORS = "_-. "
_UNDERSCORE_RUN = re.compile(r"[ _]*_[ _]*")
_REPEATS = re.compile(r"( |-|\.)\1+")
_EMPTY_BRACKETS = re.compile(r"\([ _.-]*\)|（[ _.-]*）|【[ _.-]*】")
_NUMBERED = re.compile(r"(.+) \(([0-9]{1,9})\)")


class BadRule(BadValue):
    """A naming rule an administrator cannot save. `code` is stable: unknown_placeholder,
    bad_format, unbalanced, empty, too_long; `params` name the culprit; `message` is English."""

    def __repr__(self) -> str:
        return f"BadRule({self.code!r}, {self.message!r}, **{self.params!r})"


@dataclass(frozen=True)
class NamingContext:
    """What a rule can put in a name; the caller supplies `date` (usually today)."""

    customer: str
    project: str = ""
    doctype: str = ""
    date: datetime.date | None = None
    version: int = 1
    original: str = ""
    seq: int = 1

    def __post_init__(self) -> None:
        # Database integers; a negative or absurd number is a caller's bug, not a name.
        for name in ("version", "seq"):
            if not 0 <= getattr(self, name) < 10**18:
                raise ValueError(f"{name} must be between 0 and 10**18")


@dataclass(frozen=True)
class _Field:
    name: str
    spec: str


_Token = str | _Field


# ---- rules -------------------------------------------------------------------------------


def check_rule(rule: str) -> None:
    """Nothing when `rule` can be saved; BadRule naming what is wrong otherwise."""
    _parse(rule)


def _parse(rule: str) -> list[_Token]:
    if len(rule) > RULE_MAX_LENGTH:
        message = f"a naming rule has at most {RULE_MAX_LENGTH} characters (it has {len(rule)})"
        raise BadRule("too_long", message, max=RULE_MAX_LENGTH, length=len(rule))
    tokens = [_token(match) for match in _TOKEN.finditer(rule)]
    fields = [token for token in tokens if isinstance(token, _Field)]
    literal = "".join(token for token in tokens if isinstance(token, str))
    if not fields and not _clean(literal):
        raise BadRule("empty", "a naming rule needs a placeholder or some text", rule=rule)
    return tokens


def _token(match: re.Match[str]) -> _Token:
    text = match.group()
    if text in ("{{", "}}"):
        return text[0]
    if text in ("{", "}"):
        position = match.start() + 1
        message = f"unbalanced {text!r} at position {position}; write {text * 2} for a literal one"
        raise BadRule("unbalanced", message, brace=text, position=position)
    if text.startswith("{"):
        return _field(text[1:-1])
    return text


def _field(inside: str) -> _Field:
    # Split by hand: str.format would also honour {customer.__class__} and {customer[0]}.
    name, _colon, spec = inside.partition(":")
    if name not in PLACEHOLDERS:
        known = ", ".join("{" + known + "}" for known in PLACEHOLDERS)
        message = f"unknown placeholder {{{name}}}; the known ones are {known}"
        raise BadRule("unknown_placeholder", message, placeholder=name)
    if spec and not _spec_ok(name, spec):
        message = f"{{{name}}} cannot take the format {spec!r}"
        raise BadRule("bad_format", message, placeholder=name, format=spec)
    return _Field(name, spec)


def _spec_ok(name: str, spec: str) -> bool:
    if name in _INT_PLACEHOLDERS:
        return _INT_FORMAT.fullmatch(spec) is not None
    if name == "date":
        return _date_parts(spec) is not None
    return False


def _date_parts(spec: str) -> list[str] | None:
    """`spec` cut into single directives ("%Y") and literal text; None when it is not a
    format we accept (an unknown or dangling directive, or invisible characters)."""
    parts: list[str] = []
    pieces = iter(spec)
    for char in pieces:
        if unicodedata.category(char)[0] == "C":
            return None
        if char != "%":
            parts.append(char)
            continue
        directive = next(pieces, "")
        if directive not in _DATE_DIRECTIVES:
            return None
        parts.append("%" + directive)
    return parts


# ---- rendering ---------------------------------------------------------------------------


def render(rule: str, ctx: NamingContext) -> str:
    """The file name `rule` gives `ctx`: sanitised, with the extension of `ctx.original`
    (lower-cased), e.g. "华为技术有限公司_ERP升级_20240305.pdf". BadRule as check_rule."""
    pieces = [
        (False, token) if isinstance(token, str) else (True, _value(token, ctx))
        for token in _parse(rule)
    ]
    stem = _EMPTY_BRACKETS.sub("", _join(pieces))
    ext = extension(ctx.original)
    if not ext:
        return sanitise(stem)
    return _sanitise_parts(stem, "." + ext, MAX_LENGTH)


def _value(field: _Field, ctx: NamingContext) -> str:
    if field.name in _TEXT_PLACEHOLDERS:
        text: str = getattr(ctx, field.name)
        return _clean(_stem_of(text) if field.name == "original" else text)
    if field.name in _INT_PLACEHOLDERS:
        number: int = getattr(ctx, field.name)
        return format(number, field.spec or "d")
    if ctx.date is None:
        return ""
    parts = _date_parts(field.spec or DEFAULT_DATE_FORMAT) or []
    # One directive at a time: literal text (年, 月) never reaches the C library's locale.
    return _clean("".join(ctx.date.strftime(part) if part[0] == "%" else part for part in parts))


def _join(pieces: list[tuple[bool, str]]) -> str:
    """The pieces end to end; an empty value takes one of the separators around it along,
    so `{customer}_{project}_{date}` without a project is `华为_20240305`."""
    text = ""
    after_gap = False
    for is_value, piece in pieces:
        if is_value and not piece:
            after_gap = True
            continue
        if after_gap and (not text or text[-1] in _SEPARATORS):
            piece = piece.lstrip(_SEPARATORS)
        if piece:
            text += piece
            after_gap = False
    return text


def extension(original: str) -> str:
    """The last suffix of an uploaded file name, lower-cased, without the dot; "" if none
    (or it is not 1–10 letters and digits, or the name is a dot file like `.env`)."""
    return _split(_basename(original))[1][1:].lower()


def _stem_of(original: str) -> str:
    return _split(_basename(original))[0]


def _basename(original: str) -> str:
    # Old browsers send the whole client path (C:\Users\...\报价.pdf).
    name = unicodedata.normalize("NFKC", original)
    return re.split(r"[/\\]", name)[-1]


# ---- sanitising --------------------------------------------------------------------------


def sanitise(name: str, *, max_length: int = MAX_LENGTH) -> str:
    """`name` made safe as a file name on Windows, macOS and Linux (NFKC; only letters, marks,
    digits, `_-.()（）【】` and spaces; no leading dots, no device names; at most `max_length`
    characters and 254 UTF-8 bytes; 未命名 if nothing is left). Idempotent. The extension (the
    last suffix of 1–10 letters and digits) is kept as written and never trimmed."""
    # Leading dots and separators go first, so " .env" splits like ".env" (no extension).
    name = unicodedata.normalize("NFKC", _drop_invisible(name)).lstrip(_SEPARATORS)
    stem, ext = _split(name)
    return _sanitise_parts(stem, ext, max_length)


def _split(name: str) -> tuple[str, str]:
    """("报价", ".pdf") from "报价.pdf"; a dot file such as ".env" has no extension."""
    match = _EXTENSION.search(name)
    if match and match.start() > 0:
        return name[: match.start()], match.group()
    return name, ""


def _sanitise_parts(stem: str, ext: str, max_length: int) -> str:
    """`stem` cleaned and trimmed so that stem + `ext` (".pdf" or "") fits both limits."""
    if max_length < MIN_LENGTH:
        raise ValueError(f"max_length must be at least {MIN_LENGTH}")
    stem = _unreserve(_clean(stem))
    stem = _trim(stem, max_length - len(ext), MAX_BYTES - _bytes(ext)).strip(_SEPARATORS)
    if not ext and _split(stem)[1]:
        # Cleaning or trimming bared a suffix ("a-.x~" → "a-.x"): split there, as the next
        # pass would, so that sanitise stays idempotent.
        return _sanitise_parts(*_split(stem), max_length)
    # After trimming "CON_.x" to "CON_." and stripping, "CON" needs its "_" again.
    return _unreserve(stem or UNTITLED) + ext


def _clean(text: str) -> str:
    """Only kept characters (letters, marks, digits, `_-.()（）【】` and space), others become
    `_`, runs collapsed, separators stripped at both ends."""
    text = unicodedata.normalize("NFKC", _drop_invisible(text))
    text = "".join(char if _kept(char) else " " if char.isspace() else "_" for char in text)
    text = _REPEATS.sub(r"\1", _UNDERSCORE_RUN.sub("_", text))
    return text.strip(_SEPARATORS)


def _drop_invisible(text: str) -> str:
    # Before NFKC, so that what it composes is not split again by a control character.
    return "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )


def _kept(char: str) -> bool:
    return char in _KEPT_PUNCTUATION or unicodedata.category(char)[0] in "LMN"


def _unreserve(stem: str) -> str:
    """`CON` → `CON_`, `nul.tar` → `nul_.tar`: Windows reserves these device names whatever
    follows the first dot."""
    first, dot, rest = stem.partition(".")
    match = _RESERVED.match(first)
    if match is None:
        return stem
    return first[: len(match.group(1))] + "_" + first[len(match.group(1)) :] + dot + rest


def _trim(stem: str, room: int, room_bytes: int) -> str:
    if len(stem) <= room and _bytes(stem) <= room_bytes:
        return stem
    kept: list[str] = []
    used = 0
    for char in stem[:room]:
        used += _bytes(char)
        if used > room_bytes:
            break
        kept.append(char)
    return "".join(kept)


def _bytes(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


# ---- collisions --------------------------------------------------------------------------


def unique(name: str, taken: Collection[str], *, max_length: int = MAX_LENGTH) -> str:
    """`name` (sanitised), or `name (2)`, `name (3)`… before the extension: the first not in
    `taken`, compared case-insensitively as Windows and macOS folders do."""
    return _unique(name, {_key(other) for other in taken}, max_length)


def preview(
    rule: str, contexts: Iterable[NamingContext], taken: Collection[str] = ()
) -> list[tuple[str, str]]:
    """(original, new name) for each context, as a bulk re-apply would name them: each new
    name also counts as taken for the ones after it. `taken` holds the names of the folder's
    other files (not those being renamed, or they collide with themselves)."""
    check_rule(rule)
    keys = {_key(other) for other in taken}
    result: list[tuple[str, str]] = []
    for ctx in contexts:
        new = _unique(render(rule, ctx), keys, MAX_LENGTH)
        keys.add(_key(new))
        result.append((ctx.original, new))
    return result


def _unique(name: str, keys: set[str], max_length: int) -> str:
    name = sanitise(name, max_length=max_length)
    if _key(name) not in keys:
        return name
    stem, ext = _split(name)
    numbered = _NUMBERED.fullmatch(stem)
    start = int(numbered.group(2)) + 1 if numbered else 2
    stem = numbered.group(1) if numbered else stem
    for number in itertools.count(start):
        suffix = f" ({number})"
        room = max_length - len(ext) - len(suffix)
        base = _trim(stem, room, MAX_BYTES - _bytes(ext) - _bytes(suffix)).rstrip(_SEPARATORS)
        candidate = sanitise(base + suffix + ext, max_length=max_length)
        if _key(candidate) not in keys:
            return candidate
    raise AssertionError("unreachable: itertools.count never ends")


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()
