"""Two writers at once: the second gets 409, never a silent overwrite (PostgreSQL row locks)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from dossier.core.errors import Conflict
from dossier.customers import services
from dossier.customers.models import Customer
from tests.builders import actor, make_user
from tests.customers.builders import make_customer


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_updates_with_the_same_version_one_wins_one_conflicts() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL's row locks")
    rep = make_user("sales")
    customer = make_customer(rep)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def write(title: str) -> None:
        try:
            with transaction.atomic():
                barrier.wait(timeout=10)
                services.update_customer(
                    actor(rep), customer.pk, {"title": title}, expected_version=1
                )
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(t,)) for t in ("CEO", "CTO")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert Customer.objects.get(pk=customer.pk).version == 2
