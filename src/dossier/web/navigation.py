"""The areas in the header; an app adds its entry here when its pages exist."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    url_name: str
    label: str | Promise
    permission: str | None = None
    admin: bool = False  # shown in the header's Settings menu, not as a tab of its own


AREAS = [
    Area("web:home", _("Home")),
    Area("customers:list", _("Customers"), "customer.view"),
    Area("sales:pipeline", _("Pipeline"), "customer.view"),
    Area("documents:list", _("Files"), "document.view"),
    Area("accounts:users", _("Users and teams"), "users.manage", admin=True),
    Area("audit:trail", _("Audit trail"), "audit.view", admin=True),
    Area("customfields:templates", _("Templates"), "settings.manage", admin=True),
    Area("documents:naming-rules", _("Naming rules"), "settings.manage", admin=True),
    Area("documents:classification-rules", _("Filing rules"), "settings.manage", admin=True),
    Area("api-1.0.0:openapi-view", _("API"), admin=True),
]
