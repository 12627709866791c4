"""An API client that sends a bearer token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from dossier.accounts import services
from dossier.accounts.models import User
from tests.builders import SYSTEM


class ApiClient:
    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, *, raw: str | None = None) -> Any:
        data = raw if raw is not None else __import__("json").dumps(body)
        call = getattr(self.client, method.lower())
        return call(f"/api/v1{path}", data, content_type="application/json", headers=self.headers)


@pytest.fixture
def api_as() -> Callable[..., ApiClient]:
    def make(user: User | None, *, read_only: bool = False) -> ApiClient:
        if user is None:
            return ApiClient(None)
        issued = services.create_token(SYSTEM, username=user.username, read_only=read_only)
        return ApiClient(issued.plaintext)

    return make
