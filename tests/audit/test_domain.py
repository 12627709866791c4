"""Properties of the hash chain, independent of the database."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from dossier.audit.domain import GENESIS, chain_hash, first_break, json_safe

KEY = b"test-key"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


def _chain(changes: list[object]) -> list[dict[str, object]]:
    events, prev = [], GENESIS
    for number, change in enumerate(changes, start=1):
        fields = {
            "sequence": number,
            "occurred_at": datetime(2026, 1, 1, tzinfo=UTC),
            "actor_id": 1,
            "actor": "张三",
            "via": "web",
            "ip": None,
            "action": "x.y",
            "object_type": "x",
            "object_id": str(number),
            "summary": "",
            "changes": json_safe({"v": change}),
        }
        digest = chain_hash(KEY, prev, fields)
        events.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    return events


@given(st.lists(json_values, min_size=1, max_size=8))
def test_an_untouched_chain_verifies(changes: list[object]) -> None:
    assert first_break(KEY, _chain(changes)) is None


@given(st.lists(json_values, min_size=2, max_size=8), st.data())
def test_changing_any_event_breaks_the_chain_there(
    changes: list[object], data: st.DataObject
) -> None:
    events = _chain(changes)
    victim = data.draw(st.integers(0, len(events) - 1))
    events[victim] = {**events[victim], "summary": "tampered"}
    broken = first_break(KEY, events)
    assert broken is not None and broken.sequence == victim + 1


def test_another_key_does_not_verify() -> None:
    assert first_break(b"other-key", _chain([1, 2])) is not None
