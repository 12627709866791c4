"""Who sees which customer: ownership, teams, managers, shares with expiry, and refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import translation

from dossier.accounts.models import User
from dossier.audit.models import AuditEvent
from dossier.core import clock
from dossier.core.errors import Invalid, NotFound, PermissionDenied
from dossier.customers import selectors, services
from dossier.customers.models import Customer
from tests.builders import actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def east(db: None) -> object:
    return make_team("华东销售部")


@pytest.fixture
def lina(east: object) -> User:
    return make_user("sales", username="lina", team=east)  # type: ignore[arg-type]


@pytest.fixture
def wang(east: object) -> User:
    return make_user("sales", username="wangwei", team=east)  # type: ignore[arg-type]


def visible(user: User) -> set[str]:
    return set(selectors.readable(actor(user)).values_list("name", flat=True))


class TestOwnershipAndTeams:
    def test_sales_see_only_their_own(self, lina: User, wang: User) -> None:
        make_customer(lina, name="甲")
        make_customer(wang, name="乙")
        assert visible(lina) == {"甲"}
        assert visible(wang) == {"乙"}

    def test_a_manager_sees_the_teams_they_manage_and_changes_nothing(
        self, lina: User, east: object
    ) -> None:
        boss = make_user("manager", username="boss")
        make_team("华南销售部", managers=[boss.username])
        other = make_user("sales", username="south", team=make_team("西北"))
        make_customer(lina, name="甲")
        make_customer(other, name="丙")
        assert visible(boss) == set()
        from dossier.accounts import services as accounts
        from tests.builders import SYSTEM

        accounts.set_team_managers(SYSTEM, "华东销售部", [boss.username])
        assert visible(boss) == {"甲"}
        customer = Customer.objects.get(name="甲")
        with pytest.raises(PermissionDenied):
            services.update_customer(actor(boss), customer.pk, {"name": "x"}, expected_version=1)

    def test_a_viewer_reads_their_team(self, lina: User, east: object) -> None:
        viewer = make_user("viewer", username="guan", team=east)  # type: ignore[arg-type]
        make_customer(lina, name="甲")
        assert visible(viewer) == {"甲"}
        customer = Customer.objects.get()
        with pytest.raises(PermissionDenied):
            services.update_customer(actor(viewer), customer.pk, {"name": "x"}, expected_version=1)

    def test_a_service_rep_sees_what_is_assigned_to_them(self, lina: User, east: object) -> None:
        rep = make_user("service", username="kefu", team=east)  # type: ignore[arg-type]
        first = make_customer(lina, name="甲")
        make_customer(lina, name="乙")
        assert visible(rep) == set()
        services.share_customer(actor(lina), first.pk, user="kefu", reason="客服")
        assert visible(rep) == {"甲"}


class TestSharing:
    def test_read_share_reads_edit_share_edits(self, lina: User, wang: User) -> None:
        customer = make_customer(lina, name="甲")
        services.share_customer(actor(lina), customer.pk, user="wangwei")
        assert visible(wang) == {"甲"}
        with pytest.raises(PermissionDenied):
            services.update_customer(actor(wang), customer.pk, {"name": "x"}, expected_version=1)
        services.share_customer(actor(lina), customer.pk, user="wangwei", access="edit")
        services.update_customer(actor(wang), customer.pk, {"name": "乙"}, expected_version=1)
        assert visible(lina) == {"乙"}

    def test_a_team_share_reaches_every_member(self, lina: User) -> None:
        south = make_team("华南销售部")
        member = make_user("sales", username="south1", team=south)
        customer = make_customer(lina, name="甲")
        services.share_customer(actor(lina), customer.pk, team="华南销售部")
        assert visible(member) == {"甲"}

    def test_an_expired_share_shows_nothing(self, lina: User, wang: User, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        customer = make_customer(lina, name="甲")
        later = clock.now() + timedelta(days=1)
        services.share_customer(actor(lina), customer.pk, user="wangwei", expires_at=later)
        assert visible(wang) == {"甲"}
        monkeypatch.setattr(clock, "now", lambda: later + timedelta(seconds=1))
        assert visible(wang) == set()

    def test_unsharing_takes_effect_on_the_next_read(self, lina: User, wang: User) -> None:
        customer = make_customer(lina, name="甲")
        share = services.share_customer(actor(lina), customer.pk, user="wangwei")
        services.unshare_customer(actor(lina), customer.pk, share.pk)
        assert visible(wang) == set()

    def test_only_the_owner_shares(self, lina: User, wang: User) -> None:
        customer = make_customer(lina, name="甲")
        services.share_customer(actor(lina), customer.pk, user="wangwei", access="edit")
        with pytest.raises(PermissionDenied):
            services.share_customer(actor(wang), customer.pk, user="lina")

    def test_bad_grants_name_what_is_wrong(self, lina: User) -> None:
        customer = make_customer(lina, name="甲")
        with pytest.raises(Invalid) as unknown:
            services.share_customer(actor(lina), customer.pk, user="nobody")
        assert unknown.value.errors[0].field == "user"
        with pytest.raises(Invalid) as expired:
            services.share_customer(
                actor(lina), customer.pk, user="lina", expires_at=clock.now() - timedelta(days=1)
            )
        assert expired.value.errors[0].field == "expires_at"
        with pytest.raises(Invalid):
            services.share_customer(actor(lina), customer.pk, user="lina")  # the owner
        with pytest.raises(Invalid):
            services.share_customer(actor(lina), customer.pk, access="admin", user="x")

    def test_others_customer_cannot_be_shared_or_taken(self, lina: User, wang: User) -> None:
        customer = make_customer(wang, name="乙")
        with pytest.raises(NotFound):
            services.share_customer(actor(lina), customer.pk, user="lina")
        with pytest.raises(NotFound):
            services.update_customer(
                actor(lina), customer.pk, {"owner": "lina"}, expected_version=1
            )

    def test_the_access_tab_says_who_and_why(self, lina: User, wang: User) -> None:
        customer = make_customer(lina, name="甲")
        services.share_customer(actor(lina), customer.pk, user="wangwei")
        make_user("admin", username="root")
        with translation.override("en"):
            rows = {row.username: row for row in selectors.who_can_see(actor(lina), customer.pk)}
        assert rows["lina"].reasons == ("owner",) and rows["lina"].may_change
        assert "shared with them" in rows["wangwei"].reasons[0]
        assert not rows["wangwei"].may_change
        assert rows["root"].reasons == ("administrator",)


class TestRefusalsAreRecorded:
    def test_a_grant_to_an_unknown_user_is_refused_and_audited(self, lina: User) -> None:
        customer = make_customer(lina, name="甲")
        client = Client()
        client.force_login(lina)
        response = client.post(
            f"/api/v1/customers/{customer.pk}/shares",
            {"user": "nobody", "access": "read"},
            content_type="application/json",
        )
        assert response.status_code == 422
        event = AuditEvent.objects.get(action="access.denied")
        assert "nobody" in event.changes["reason"]

    def test_taking_over_a_visible_customer_is_403_and_audited(self, lina: User) -> None:
        manager = make_user("manager", username="boss")
        customer = make_customer(lina, name="甲")
        services.share_customer(actor(lina), customer.pk, user="boss", access="edit")
        client = Client()
        client.force_login(manager)
        response = client.patch(
            f"/api/v1/customers/{customer.pk}",
            {"owner": "boss", "version": 1},
            content_type="application/json",
        )
        assert response.status_code == 403
        assert AuditEvent.objects.filter(action="access.denied", actor="boss").exists()

    def test_a_write_to_someone_elses_customer_is_404_and_audited(
        self, lina: User, wang: User
    ) -> None:
        customer = make_customer(wang, name="乙")
        client = Client()
        client.force_login(lina)
        response = client.post(f"/customers/{customer.pk}/edit/", {"name": "mine"})
        assert response.status_code == 404
        event = AuditEvent.objects.get(action="access.denied")
        assert event.actor == "lina"
        assert event.changes["status"] == 404

    def test_a_manager_cannot_make_themselves_admin(self) -> None:
        boss = make_user("manager", username="boss")
        client = Client()
        client.force_login(boss)
        from dossier.accounts import services as accounts

        with pytest.raises(PermissionDenied):
            accounts.set_role(actor(boss), "boss", "admin")
        response = client.get("/admin/users/")
        assert response.status_code == 403
        assert AuditEvent.objects.filter(action="access.denied", actor="boss").exists()
