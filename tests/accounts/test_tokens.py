"""API tokens: hashed at rest, shown once, expiring, revocable, read-only or read-write."""

from __future__ import annotations

from datetime import timedelta

import pytest

from dossier.accounts import services
from dossier.accounts.domain import token_digest
from dossier.accounts.models import ApiToken
from dossier.core import clock
from dossier.core.errors import Invalid, NotAuthenticated, NotFound, PermissionDenied
from tests.builders import SYSTEM, actor, make_user

pytestmark = pytest.mark.django_db


def test_only_the_digest_is_stored() -> None:
    user = make_user()
    issued = services.create_token(SYSTEM, username=user.username, name="export")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert stored.digest == token_digest(issued.plaintext)
    assert issued.plaintext not in {stored.digest, stored.prefix, stored.name}
    assert issued.plaintext.startswith(stored.prefix)


def test_a_live_token_authenticates_and_is_touched() -> None:
    user = make_user()
    issued = services.create_token(SYSTEM, username=user.username)
    assert services.authenticate_token(issued.plaintext).user == user
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at is not None


def test_revoked_token_is_refused() -> None:
    user = make_user()
    issued = services.create_token(SYSTEM, username=user.username)
    services.revoke_token(actor(user), issued.token.pk)
    with pytest.raises(NotAuthenticated) as caught:
        services.authenticate_token(issued.plaintext)
    assert caught.value.code == "invalid_token"


def test_expired_token_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    user = make_user()
    issued = services.create_token(SYSTEM, username=user.username, expires_days=1)
    later = clock.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    with pytest.raises(NotAuthenticated) as caught:
        services.authenticate_token(issued.plaintext)
    assert caught.value.code == "token_expired"


def test_unknown_token_is_refused() -> None:
    with pytest.raises(NotAuthenticated):
        services.authenticate_token("dsr_" + "x" * 40)


def test_token_of_a_disabled_user_is_refused() -> None:
    user = make_user()
    issued = services.create_token(SYSTEM, username=user.username)
    services.set_active(SYSTEM, user.username, active=False)
    with pytest.raises(NotAuthenticated):
        services.authenticate_token(issued.plaintext)


def test_users_cannot_revoke_each_others_tokens() -> None:
    owner, other = make_user(), make_user()
    issued = services.create_token(SYSTEM, username=owner.username)
    with pytest.raises(NotFound):
        services.revoke_token(actor(other), issued.token.pk)


def test_users_cannot_create_tokens_for_others() -> None:
    owner, other = make_user(), make_user()
    with pytest.raises(PermissionDenied):
        services.create_token(actor(other), username=owner.username)


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_expiry_out_of_range_is_refused(days: int) -> None:
    user = make_user()
    with pytest.raises(Invalid) as caught:
        services.create_token(SYSTEM, username=user.username, expires_days=days)
    assert caught.value.field == "expires_days"
