"""The audit chain holds, and `verify` names the first event tampered with by raw SQL."""

from __future__ import annotations

import pytest
from django.db import connection

from dossier.audit import services
from dossier.audit.models import AppendOnly, AuditEvent
from dossier.audit.selectors import verify_chain
from tests.builders import SYSTEM


def _events(count: int) -> None:
    for number in range(count):
        services.record(
            SYSTEM,
            "thing.changed",
            object_type="thing",
            object_id=number,
            summary=f"change {number}",
            changes={"n": [number, number + 1]},
        )


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _table() -> str:
    return AuditEvent._meta.db_table


@pytest.mark.django_db
class TestVerifyChain:
    def test_intact_chain_verifies(self) -> None:
        _events(5)
        assert verify_chain(SYSTEM) == (5, None)

    def test_edited_row_is_named(self) -> None:
        _events(5)
        _sql(f"UPDATE {_table()} SET summary = %s WHERE sequence = 3", ["forged"])
        _count, broken = verify_chain(SYSTEM)
        assert broken is not None and broken.sequence == 3

    def test_deleted_row_is_named(self) -> None:
        _events(5)
        _sql(f"DELETE FROM {_table()} WHERE sequence = 2", [])
        _count, broken = verify_chain(SYSTEM)
        assert broken is not None and broken.sequence == 2
        assert "missing" in broken.reason

    def test_inserted_row_is_named(self) -> None:
        _events(3)
        last = AuditEvent.objects.get(sequence=3)
        _sql(
            f"INSERT INTO {_table()} (sequence, occurred_at, actor_id, actor, via, ip, action,"
            " object_type, object_id, summary, changes, prev_hash, hash)"
            " VALUES (4, %s, NULL, 'mallory', 'web', NULL, 'user.created', 'user', '99',"
            " 'forged', '{}', %s, %s)",
            [last.occurred_at, last.hash, "f" * 64],
        )
        _count, broken = verify_chain(SYSTEM)
        assert broken is not None and broken.sequence == 4

    def test_reordered_rows_are_named(self) -> None:
        _events(5)
        _sql(f"UPDATE {_table()} SET sequence = 100 WHERE sequence = 2", [])
        _sql(f"UPDATE {_table()} SET sequence = 2 WHERE sequence = 4", [])
        _sql(f"UPDATE {_table()} SET sequence = 4 WHERE sequence = 100", [])
        _count, broken = verify_chain(SYSTEM)
        assert broken is not None and broken.sequence == 2

    def test_events_cannot_be_changed_or_deleted_through_the_orm(self) -> None:
        _events(1)
        event = AuditEvent.objects.get()
        event.summary = "changed"
        with pytest.raises(AppendOnly):
            event.save()
        with pytest.raises(AppendOnly):
            event.delete()

    def test_sequence_is_contiguous_from_one(self) -> None:
        _events(4)
        assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == [
            1,
            2,
            3,
            4,
        ]
