"""Production hashes passwords with argon2; the test settings only speed it up."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password, make_password

import dossier.settings as production


def test_production_hashes_with_argon2_first() -> None:
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hash_round_trips() -> None:
    encoded = make_password("correct-horse-battery", hasher="argon2")
    assert encoded.startswith("argon2$")
    assert check_password("correct-horse-battery", encoded)
    assert not check_password("wrong", encoded)


@pytest.mark.parametrize("setting", ["SESSION_COOKIE_HTTPONLY", "SECURE_CONTENT_TYPE_NOSNIFF"])
def test_production_security_defaults(setting: str) -> None:
    assert getattr(production, setting) is True
    assert production.DEBUG is False
    assert production.X_FRAME_OPTIONS == "DENY"
