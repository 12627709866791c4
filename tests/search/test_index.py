"""The index moves with the records, in the same transaction: create, change, trash, purge."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from dossier.accounts.models import User
from dossier.customers import services as customers
from dossier.search import selectors, services
from dossier.search.models import Entry, EntryScope, EntryTag
from tests.builders import actor, make_user
from tests.customers.builders import make_customer
from tests.search.builders import build_world, upload_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(db: None) -> User:
    return make_user("admin", username="boss")


def ids(user: User, q: str, kind: str | None = None) -> list[int]:
    filters = selectors.SearchFilter(kind=kind)
    return [h.object_id for h in selectors.search(actor(user), q, filters, limit=50).hits]


def test_create_update_delete_restore_purge(boss: User) -> None:
    who = actor(boss)
    c = make_customer(boss, name="欧阳娜娜", kind="person")
    assert ids(boss, "ouyang") == [c.pk]
    c = customers.update_customer(who, c.pk, {"name": "欧阳修"}, expected_version=c.version)
    assert ids(boss, "欧阳娜娜") == [] and ids(boss, "欧阳修") == [c.pk]
    customers.delete_customer(who, c.pk)
    assert ids(boss, "欧阳修") == []
    customers.restore_customer(who, c.pk)
    assert ids(boss, "欧阳修") == [c.pk]
    customers.delete_customer(who, c.pk)
    customers.purge_customer(who, c.pk)
    assert not Entry.objects.filter(customer_id=c.pk).exists()
    assert not EntryScope.objects.filter(customer_id=c.pk).exists()


def test_contacts_and_their_removal(boss: User) -> None:
    c = make_customer(boss)
    contact = customers.create_contact(actor(boss), c.pk, {"name": "任正非"})
    assert ids(boss, "renzhengfei", "contact") == [contact.pk]
    customers.delete_contact(actor(boss), contact.pk)
    assert ids(boss, "renzhengfei") == []


def test_extracted_text_is_searchable_at_once(boss: User) -> None:
    c = make_customer(boss)
    document = upload_text(boss, c.pk, "纪要.txt", "讨论云服务迁移方案")
    assert ids(boss, "云服务迁移", "document") == [document.pk]


def test_a_rolled_back_write_leaves_no_entry(boss: User) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        make_customer(boss, name="幽灵公司")
        assert ids(boss, "幽灵")
        raise RuntimeError("roll back")
    assert ids(boss, "幽灵") == []
    assert not Entry.objects.filter(title="幽灵公司").exists()


def test_tags_follow_the_customer(boss: User) -> None:
    c = make_customer(boss, tags=["重点"])
    assert selectors.search(actor(boss), "华为").facets["tag"] == {"重点": 1}
    customers.update_customer(actor(boss), c.pk, {"tags": ["普通"]}, expected_version=c.version)
    found = selectors.search(actor(boss), "华为", selectors.SearchFilter(tag="普通"))
    assert found.total == 1 and found.facets["tag"] == {"普通": 1}


def test_reindex_rebuilds_the_same_entries(boss: User) -> None:
    build_world(boss)
    before = sorted(Entry.objects.values_list("kind", "object_id", "terms"))
    scopes = sorted(EntryScope.objects.values_list("kind", "customer_id", "live", "owner_id"))
    for model in (EntryTag, EntryScope, Entry):  # an index lost whole
        model.objects.all().delete()
    assert ids(boss, "张三") == []
    assert services.reindex() == len(before)
    assert sorted(Entry.objects.values_list("kind", "object_id", "terms")) == before
    assert (
        sorted(EntryScope.objects.values_list("kind", "customer_id", "live", "owner_id")) == scopes
    )
    assert ids(boss, "张三")


def test_on_sqlite_the_scope_row_is_found_by_rowid(db: None) -> None:
    """Migration 0003 gives search_entryscope an integer key, so a look-up per match is one
    B-tree search; a later migration that remakes the table would quietly declare bigint."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no rowid")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA table_info(search_entryscope)")
        keys = [(name, kind.lower()) for _, name, kind, _, _, pk in cursor.fetchall() if pk]
    assert keys == [("entry_id", "integer")]
