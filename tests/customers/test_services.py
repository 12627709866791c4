"""Customers: cleaned on entry, versioned, revisioned, restorable, in the trash when deleted."""

from __future__ import annotations

import pytest

from dossier.accounts.models import User
from dossier.audit.models import AuditEvent, Revision
from dossier.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from dossier.customers import selectors, services
from dossier.customers.models import Customer
from tests.builders import actor, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina")


class TestCreate:
    def test_values_are_normalised(self, rep: User) -> None:
        customer = make_customer(
            rep,
            name="  华为 技术 ",
            phone="138 1234 5678",
            email="Zhang@Example.COM",
            birthday="2024年3月5日",
            tags="VIP, 重点跟进,VIP",
        )
        assert customer.name == "华为 技术"
        assert customer.phone == "+8613812345678"
        assert customer.email == "Zhang@example.com"
        assert customer.birthday.isoformat() == "2024-03-05"
        assert sorted(t.name for t in customer.tags.all()) == ["VIP", "重点跟进"]

    def test_owner_defaults_to_the_creator_with_their_team(self, rep: User) -> None:
        customer = make_customer(rep)
        assert (customer.owner, customer.team, customer.category.code) == (
            rep,
            rep.team,
            "prospect",
        )

    def test_every_bad_field_is_named_and_nothing_written(self, rep: User) -> None:
        before = (Customer.objects.count(), Revision.objects.count(), AuditEvent.objects.count())
        with pytest.raises(Invalid) as caught:
            make_customer(
                rep,
                phone="12345",
                email="nope",
                industry="魔法",
                colour="blue",
                custom={"id_number": "110101199003070000"},
            )
        fields = {e.field for e in caught.value.errors}
        assert fields == {"phone", "email", "industry", "colour", "custom.id_number"}
        after = (Customer.objects.count(), Revision.objects.count(), AuditEvent.objects.count())
        assert after == before

    def test_name_is_required(self, rep: User) -> None:
        with pytest.raises(Invalid) as caught:
            services.create_customer(actor(rep), {"kind": "company"})
        assert caught.value.field == "name"

    def test_creation_is_revision_one_and_one_audit_event(self, rep: User) -> None:
        events = AuditEvent.objects.count()
        customer = make_customer(rep, phone="13812345678")
        revision = Revision.objects.get(object_type="customer", object_id=customer.pk)
        assert revision.version == 1 and revision.action == "created"
        assert revision.changes["phone"] == [None, "+8613812345678"]
        assert AuditEvent.objects.count() == events + 1

    def test_viewer_cannot_add(self) -> None:
        viewer = make_user("viewer")
        with pytest.raises(PermissionDenied):
            make_customer(viewer)

    def test_sales_cannot_give_a_new_customer_to_someone_else(self, rep: User) -> None:
        other = make_user("sales")
        with pytest.raises(PermissionDenied) as caught:  # an escalation, not a typo
            make_customer(rep, owner=other.username)
        assert caught.value.field == "owner"


class TestUpdate:
    def test_change_bumps_version_and_records_the_diff(self, rep: User) -> None:
        customer = make_customer(rep, phone="13812345678")
        updated = services.update_customer(
            actor(rep), customer.pk, {"phone": "139 0000 1111"}, expected_version=1
        )
        assert updated.version == 2
        revision = Revision.objects.get(object_id=customer.pk, version=2)
        assert revision.changes == {"phone": ["+8613812345678", "+8613900001111"]}

    def test_stale_version_is_a_conflict_naming_who_changed_it(self, rep: User) -> None:
        customer = make_customer(rep)
        services.update_customer(actor(rep), customer.pk, {"title": "CEO"}, expected_version=1)
        with pytest.raises(Conflict) as caught:
            services.update_customer(actor(rep), customer.pk, {"title": "CTO"}, expected_version=1)
        assert caught.value.details["current_version"] == 2
        assert caught.value.details["changed_by"] == "lina"
        assert Customer.objects.get(pk=customer.pk).title == "CEO"

    def test_missing_version_is_refused(self, rep: User) -> None:
        customer = make_customer(rep)
        with pytest.raises(Invalid) as caught:
            services.update_customer(
                actor(rep), customer.pk, {"title": "CEO"}, expected_version=None
            )
        assert caught.value.field == "version"

    def test_referrer_cycle_is_refused(self, rep: User) -> None:
        a = make_customer(rep, name="甲公司")
        b = make_customer(rep, name="乙公司", referrer=a.pk)
        with pytest.raises(Invalid) as caught:
            services.update_customer(actor(rep), a.pk, {"referrer": b.pk}, expected_version=1)
        assert caught.value.errors[0].code == "cycle"

    def test_a_customer_cannot_refer_itself(self, rep: User) -> None:
        a = make_customer(rep)
        with pytest.raises(Invalid):
            services.update_customer(actor(rep), a.pk, {"referrer": a.pk}, expected_version=1)


class TestHistory:
    def test_revert_restores_an_earlier_version_as_a_new_one(self, rep: User) -> None:
        customer = make_customer(rep, phone="13812345678", tags=["VIP"])
        services.update_customer(
            actor(rep),
            customer.pk,
            {"phone": "13900001111", "tags": [], "title": "CEO"},
            expected_version=1,
        )
        reverted = services.revert_customer(actor(rep), customer.pk, 1, expected_version=2)
        assert reverted.version == 3
        assert (reverted.phone, reverted.title) == ("+8613812345678", "")
        assert [t.name for t in reverted.tags.all()] == ["VIP"]
        assert Revision.objects.get(object_id=customer.pk, version=3).action == "reverted"

    def test_delete_moves_to_trash_and_restore_brings_it_back(self) -> None:
        admin = make_user("admin")
        customer = make_customer(admin)
        services.delete_customer(actor(admin), customer.pk)
        assert not selectors.readable(actor(admin)).filter(pk=customer.pk).exists()
        assert selectors.trash(actor(admin)).filter(pk=customer.pk).exists()
        services.restore_customer(actor(admin), customer.pk)
        assert selectors.readable(actor(admin)).filter(pk=customer.pk).exists()
        actions = list(
            Revision.objects.filter(object_id=customer.pk)
            .order_by("version")
            .values_list("action", flat=True)
        )
        assert actions == ["created", "deleted", "restored"]

    def test_sales_may_change_but_not_delete(self, rep: User) -> None:
        customer = make_customer(rep)
        with pytest.raises(PermissionDenied):
            services.delete_customer(actor(rep), customer.pk)

    def test_purge_removes_the_record_and_its_history(self) -> None:
        admin = make_user("admin")
        customer = make_customer(admin)
        services.delete_customer(actor(admin), customer.pk)
        services.purge_customer(actor(admin), customer.pk)
        assert not Customer.objects.filter(pk=customer.pk).exists()
        assert not Revision.objects.filter(object_type="customer", object_id=customer.pk).exists()
        assert AuditEvent.objects.filter(action="customer.purged").exists()


class TestScope:
    def test_sales_see_only_their_own(self, rep: User) -> None:
        other = make_user("sales")
        mine, theirs = make_customer(rep), make_customer(other)
        visible = set(selectors.readable(actor(rep)).values_list("pk", flat=True))
        assert mine.pk in visible and theirs.pk not in visible
        with pytest.raises(NotFound):
            services.update_customer(actor(rep), theirs.pk, {"title": "x"}, expected_version=1)

    def test_manager_sees_the_teams_they_manage_but_cannot_change(self) -> None:
        from tests.builders import make_team

        manager = make_user("manager", username="mgr")
        team = make_team("华东", managers=["mgr"])
        rep = make_user("sales", team=team)
        outsider = make_user("sales")
        customer, elsewhere = make_customer(rep), make_customer(outsider)
        visible = set(selectors.readable(actor(manager)).values_list("pk", flat=True))
        assert customer.pk in visible and elsewhere.pk not in visible
        with pytest.raises(PermissionDenied):
            services.update_customer(
                actor(manager), customer.pk, {"title": "x"}, expected_version=1
            )


class TestBulk:
    def test_add_tag_and_change_category(self, rep: User) -> None:
        first, second = make_customer(rep, name="甲"), make_customer(rep, name="乙")
        assert services.bulk_update(actor(rep), [first.pk, second.pk], "add_tag", "续约") == 2
        services.bulk_update(actor(rep), [first.pk], "set_category", "active")
        first.refresh_from_db()
        assert first.category.code == "active" and first.version == 3
        assert [t.name for t in second.tags.all()] == ["续约"]

    def test_unknown_action_is_refused(self, rep: User) -> None:
        with pytest.raises(Invalid):
            services.bulk_update(actor(rep), [1], "explode", "")
