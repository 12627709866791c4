"""Builders for customer tests."""

from __future__ import annotations

from typing import Any

from dossier.accounts.models import User
from dossier.customers import services
from dossier.customers.models import Customer
from tests.builders import actor


def make_customer(creator: User, **overrides: Any) -> Customer:
    data: dict[str, Any] = {"name": "华为技术有限公司", "kind": "company", **overrides}
    return services.create_customer(actor(creator), data)
