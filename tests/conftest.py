"""Fixtures shared by every test package."""

from __future__ import annotations

import pytest
from django.test import Client

from dossier.accounts.models import User
from tests.builders import make_user


@pytest.fixture
def admin(db: None) -> User:
    return make_user("admin", username="boss")


@pytest.fixture
def sales(db: None) -> User:
    return make_user("sales", username="zhangwei")


@pytest.fixture
def admin_client(admin: User) -> Client:
    client = Client()
    client.force_login(admin)
    return client
