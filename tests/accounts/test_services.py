"""Users, teams and roles change only through services, each write audited exactly once."""

from __future__ import annotations

import pytest

from dossier.accounts import services
from dossier.accounts.models import Role, User
from dossier.audit.models import AuditEvent
from dossier.core.errors import Invalid, NotFound, PermissionDenied
from tests.builders import PASSWORD, SYSTEM, actor, make_team, make_user

pytestmark = pytest.mark.django_db


class TestCreateUser:
    def test_records_one_audit_event(self) -> None:
        before = AuditEvent.objects.count()
        user = make_user("sales", username="lina")
        event = AuditEvent.objects.get(sequence=before + 1)
        assert AuditEvent.objects.count() == before + 1
        assert (event.action, event.object_id, event.summary) == (
            "user.created",
            str(user.pk),
            "lina",
        )

    def test_password_is_hashed_never_stored(self) -> None:
        user = make_user(username="lina")
        assert PASSWORD not in user.password
        assert user.check_password(PASSWORD)

    def test_unknown_role_names_the_field_and_the_choices(self) -> None:
        with pytest.raises(Invalid) as caught:
            make_user("emperor")
        assert caught.value.field == "role"
        assert "sales" in caught.value.message

    def test_weak_password_is_refused_and_nothing_written(self) -> None:
        count = User.objects.count()
        with pytest.raises(Invalid) as caught:
            make_user(password="12345678")
        assert caught.value.field == "password"
        assert User.objects.count() == count

    def test_taken_user_name_is_refused_case_insensitively(self) -> None:
        make_user(username="Lina")
        with pytest.raises(Invalid) as caught:
            make_user(username="lina")
        assert caught.value.errors[0].code == "taken"

    def test_email_domain_is_lower_cased(self) -> None:
        assert make_user(email="Li.Na@Example.COM").email == "Li.Na@example.com"

    def test_bad_email_is_refused(self) -> None:
        with pytest.raises(Invalid) as caught:
            make_user(email="not-an-address")
        assert caught.value.field == "email"

    def test_only_user_managers_may_create_users(self) -> None:
        sales = make_user("sales")
        spec = services.NewUser(username="intruder", password=PASSWORD, role="admin")
        with pytest.raises(PermissionDenied):
            services.create_user(actor(sales), spec)

    def test_read_only_token_actor_cannot_write(self) -> None:
        admin = make_user("admin")
        spec = services.NewUser(username="newbie", password=PASSWORD, role="viewer")
        with pytest.raises(PermissionDenied) as caught:
            services.create_user(actor(admin, read_only=True), spec)
        assert caught.value.code == "token_read_only"


class TestUpdateUser:
    def test_role_and_team_in_one_call_is_one_event(self) -> None:
        team = make_team("华东销售部")
        user = make_user("viewer")
        before = AuditEvent.objects.count()
        services.update_user(SYSTEM, user.username, {"role": "sales", "team": team.name})
        event = AuditEvent.objects.get(sequence=before + 1)
        assert AuditEvent.objects.count() == before + 1
        assert event.changes == {"role": ["viewer", "sales"], "team": [None, "华东销售部"]}

    def test_admin_cannot_demote_or_disable_themselves(self) -> None:
        admin = make_user("admin")
        with pytest.raises(PermissionDenied):
            services.set_role(actor(admin), admin.username, "viewer")
        with pytest.raises(PermissionDenied):
            services.set_active(actor(admin), admin.username, active=False)

    def test_disabling_revokes_every_token(self) -> None:
        user = make_user("sales")
        services.create_token(SYSTEM, username=user.username)
        services.set_active(SYSTEM, user.username, active=False)
        assert not user.api_tokens.filter(revoked_at=None).exists()

    def test_unknown_user_is_not_found(self) -> None:
        with pytest.raises(NotFound):
            services.set_role(SYSTEM, "nobody", "sales")


class TestTeams:
    def test_team_with_managers(self) -> None:
        manager = make_user("manager")
        team = make_team("华南销售部", managers=[manager.username])
        assert list(team.managers.all()) == [manager]
        assert actor(manager).managed_team_ids == frozenset({team.pk})

    def test_duplicate_team_name_is_refused(self) -> None:
        make_team("Key accounts")
        with pytest.raises(Invalid):
            make_team("key accounts")


class TestBuiltinRoles:
    def test_migration_matches_the_catalogue(self) -> None:
        from dossier.access.catalogue import BUILTIN_ROLES

        stored = {
            r.code: (r.name, sorted(r.permissions)) for r in Role.objects.filter(is_builtin=True)
        }
        expected = {code: (name, sorted(perms)) for code, (name, perms) in BUILTIN_ROLES.items()}
        assert stored == expected

    def test_every_role_permission_is_known(self) -> None:
        from dossier.access.catalogue import ALL, PERMISSIONS

        for role in Role.objects.all():
            assert set(role.permissions) - {ALL} <= set(PERMISSIONS)
