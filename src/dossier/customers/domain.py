"""Pure rules about customers: which keys are columns, references, or template values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Template fields stored in their own columns; every other template field lives in `custom`.
COLUMNS = (
    "name",
    "company",
    "title",
    "email",
    "phone",
    "address",
    "province",
    "city",
    "district",
    "industry",
    "level",
    "source",
    "birthday",
)
# Keys resolved to other records or kept outside the template.
REFERENCES = ("kind", "category", "owner", "referrer", "tags")
KINDS = ("person", "company")
MAX_TAGS = 30
MAX_TAG_LENGTH = 40


def split_tags(raw: object) -> list[str]:
    """Tags from a list or from text separated by commas, 、 or semicolons; trimmed, unique."""
    items = raw if isinstance(raw, list | tuple) else re.split(r"[,,、;;]+", str(raw or ""))
    seen: dict[str, str] = {}
    for item in items:
        tag = " ".join(str(item).split())
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return list(seen.values())


def referral_cycle(
    customer_id: int | None, referrer_id: int, referrers: Mapping[int, int | None]
) -> bool:
    """True when following referrers from `referrer_id` comes back to `customer_id`."""
    seen: set[int] = set()
    current: int | None = referrer_id
    while current is not None and current not in seen:
        if current == customer_id:
            return True
        seen.add(current)
        current = referrers.get(current)
    return False


def flatten(
    columns: Mapping[str, object], references: Mapping[str, object], custom: Mapping[str, object]
) -> dict[str, object]:
    """The snapshot revisions are diffed over: columns, references, `custom.<key>` values."""
    snapshot: dict[str, object] = {**columns, **references}
    snapshot.update({f"custom.{key}": value for key, value in custom.items()})
    return {key: value for key, value in snapshot.items() if value not in (None, "", [], {}, False)}


def unflatten(snapshot: Mapping[str, object], keys: Iterable[str]) -> dict[str, object]:
    return {key: snapshot.get(key) for key in keys}
