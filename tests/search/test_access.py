"""Search shows only what the actor may see: hits, totals and facet counts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.accounts.models import User
from dossier.customers import services as customers
from dossier.customers.selectors import readable
from dossier.search import selectors
from tests.builders import actor, make_team, make_user
from tests.customers.builders import make_customer
from tests.search.builders import upload_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reps(db: None) -> tuple[User, User]:
    return make_user("sales", username="lina"), make_user("sales", username="wanglei")


def _everything(user: User, q: str) -> selectors.Results:
    return selectors.search(actor(user), q, limit=100)


class TestTwoRepsWithNamesakes:
    def test_hits_totals_and_facets_hold_only_ones_own(self, reps: tuple[User, User]) -> None:
        lina, wanglei = reps
        mine = make_customer(lina, name="张三", kind="person", phone="13800138000", tags=["VIP"])
        theirs = make_customer(wanglei, name="张三", kind="person", phone="13800138000")
        make_customer(wanglei, name="张三丰", kind="person", tags=["秘密"])
        found = _everything(lina, "张三")
        assert [(h.kind, h.object_id) for h in found.hits] == [("customer", mine.pk)]
        assert found.total == 1
        assert found.facets["kind"] == {"customer": 1}
        assert found.facets["owner"] == {"lina": 1}
        assert found.facets["tag"] == {"VIP": 1}
        assert sum(found.facets["category"].values()) == 1
        assert theirs.pk not in {h.object_id for h in _everything(lina, "8000").hits}

    def test_a_file_of_anothers_customer_is_not_found(self, reps: tuple[User, User]) -> None:
        lina, wanglei = reps
        theirs = make_customer(wanglei, name="华为技术有限公司")
        upload_text(wanglei, theirs.pk, "合同.txt", "保密协议：分三期支付")
        assert _everything(wanglei, "分三期支付").total == 1
        found = _everything(lina, "分三期支付")
        assert found.total == 0 and not found.hits and found.facets["kind"] == {}

    def test_files_need_document_view(self, reps: tuple[User, User]) -> None:
        lina, _ = reps
        customer = make_customer(lina, name="华为技术有限公司")
        upload_text(lina, customer.pk, "合同.txt", "分三期支付")
        who = actor(lina)
        blind = replace(who, permissions=who.permissions - {"document.view"})
        assert selectors.search(who, "分三期支付").total == 1
        assert selectors.search(blind, "分三期支付").total == 0

    def test_a_trashed_customer_is_not_found(self, reps: tuple[User, User]) -> None:
        lina, _ = reps
        gone = make_customer(lina, name="欧阳娜娜", kind="person")
        customers.delete_customer(actor(make_user("admin")), gone.pk)
        found = _everything(lina, "欧阳娜娜")
        assert found.total == 0 and not found.hits


def test_match_customers_stays_in_scope(reps: tuple[User, User]) -> None:
    lina, wanglei = reps
    mine = make_customer(lina, name="华为技术有限公司", phone="0755-2878 0808")
    make_customer(wanglei, name="腾讯科技有限公司", phone="0755-8601 3388")
    text = "甲方：腾讯科技有限公司 电话 0755-8601 3388；乙方：华为技术有限公司 0755-28780808"
    found = selectors.match_customers(actor(lina), filename="合同.pdf", text=text)
    assert [m.customer_id for m in found] == [mine.pk]
    assert "name in text" in found[0].reason and "phone" in found[0].reason


class TestTheCopiedScopeFollowsItsCustomer:
    """Entries test each match on their own copy of the customer's owner, team, category and
    trash state; every customer write must carry it to the entries of its records and files."""

    def test_a_new_owner_takes_the_contacts_and_files_along(self, reps: tuple[User, User]) -> None:
        lina, wanglei = reps
        boss = actor(make_user("admin"))
        found = make_customer(lina, name="华为技术有限公司")
        customers.create_contact(actor(lina), found.pk, {"name": "欧阳娜娜"})
        upload_text(lina, found.pk, "合同.txt", "分三期支付")
        customers.update_customer(
            boss, found.pk, {"owner": "wanglei"}, expected_version=found.version
        )
        assert _everything(lina, "欧阳娜娜").total == 0
        assert _everything(lina, "分三期支付").total == 0
        assert _everything(wanglei, "欧阳娜娜").total == 1
        assert _everything(wanglei, "分三期支付").facets["owner"] == {"wanglei": 1}

    def test_trash_hides_the_contacts_and_restore_brings_them_back(
        self, reps: tuple[User, User]
    ) -> None:
        lina, _ = reps
        boss = actor(make_user("admin"))
        found = make_customer(lina, name="华为技术有限公司")
        customers.create_contact(actor(lina), found.pk, {"name": "欧阳娜娜"})
        customers.delete_customer(boss, found.pk)
        assert _everything(lina, "欧阳娜娜").total == 0
        assert selectors.search(boss, "欧阳娜娜").total == 0
        customers.restore_customer(boss, found.pk)
        assert _everything(lina, "欧阳娜娜").total == 1

    def test_category_and_region_facets_follow_a_change(self, reps: tuple[User, User]) -> None:
        lina, _ = reps
        found = make_customer(lina, name="华为技术有限公司", province="广东省")
        customers.create_contact(actor(lina), found.pk, {"name": "欧阳娜娜"})
        customers.update_customer(
            actor(lina),
            found.pk,
            {"province": "浙江省", "category": "lost"},
            expected_version=found.version,
        )
        facets = _everything(lina, "欧阳娜娜").facets
        assert facets["region"] == {"浙江省": 1}
        assert facets["category"] == {"lost": 1}
        filters = selectors.SearchFilter(province="广东省")
        assert selectors.search(actor(lina), "欧阳娜娜", filters).total == 0

    def test_a_team_sees_what_its_team_owns(self, db: None) -> None:
        manager = make_user("manager", username="boss")
        team = make_team("华东销售部", managers=["boss"])
        lina = make_user("sales", username="lina", team=team)
        found = make_customer(lina, name="华为技术有限公司")
        customers.create_contact(actor(lina), found.pk, {"name": "欧阳娜娜"})
        assert readable(actor(manager)).filter(pk=found.pk).exists()
        assert _everything(manager, "欧阳娜娜").total == 1
        assert _everything(make_user("manager"), "欧阳娜娜").total == 0
