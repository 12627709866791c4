"""The hash chain: canonical JSON of each event, keyed-hashed together with its predecessor."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor",
    "via",
    "ip",
    "action",
    "object_type",
    "object_id",
    "summary",
    "changes",
)


def canonical_time(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def json_safe(value: Any) -> Any:
    """What a JSON column gives back, so hashing before and after storage agrees."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def canonical(fields: Mapping[str, Any]) -> bytes:
    body = {name: fields[name] for name in HASHED_FIELDS}
    body["occurred_at"] = canonical_time(body["occurred_at"])
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode("utf-8")


def chain_hash(key: bytes, prev_hash: str, fields: Mapping[str, Any]) -> str:
    return hmac.new(key, prev_hash.encode("ascii") + canonical(fields), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    sequence: int
    reason: str


def first_break(key: bytes, events: Iterable[Mapping[str, Any]]) -> Break | None:
    """The first event that does not follow from the ones before it, or None if all do."""
    expected_sequence, prev_hash = 1, GENESIS
    for event in events:
        if event["sequence"] != expected_sequence:
            reason = "missing" if event["sequence"] > expected_sequence else "out of order"
            return Break(expected_sequence, f"event {expected_sequence} is {reason}")
        if event["prev_hash"] != prev_hash:
            return Break(expected_sequence, "does not follow the event before it")
        if not hmac.compare_digest(event["hash"], chain_hash(key, prev_hash, event)):
            return Break(expected_sequence, "its content does not match its hash")
        prev_hash = event["hash"]
        expected_sequence += 1
    return None


Diff = dict[str, list[Any]]


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Diff:
    """Field-level changes between two snapshots; fields empty on both sides are left out."""
    changes: Diff = {}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old != new and not (_blank(old) and _blank(new)):
            changes[key] = [old, new]
    return changes


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def state_at(revisions: Iterable[tuple[int, Diff]], version: int) -> dict[str, Any]:
    """The snapshot a record had at `version`, replaying diffs from its creation."""
    state: dict[str, Any] = {}
    for number, changes in sorted(revisions, key=lambda pair: pair[0]):
        if number > version:
            break
        for key, (_old, new) in changes.items():
            if _blank(new):
                state.pop(key, None)
            else:
                state[key] = new
    return state
