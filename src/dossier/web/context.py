"""Template context for every page: the navigation the current user may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from dossier.access.policy import has_perm
from dossier.accounts.auth import request_actor
from dossier.accounts.forms import role_name
from dossier.web.navigation import AREAS


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    actor = request_actor(request)
    path = request.path
    items = []
    for area in AREAS:
        if area.permission and not has_perm(actor, area.permission):
            continue
        url = reverse(area.url_name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": area.label, "current": current, "admin": area.admin})
    return {
        "nav_items": [item for item in items if not item["admin"]],
        "admin_items": [item for item in items if item["admin"]],
        "admin_current": any(item["current"] for item in items if item["admin"]),
        "actor": actor,
        "actor_role": role_name(actor.role),
    }
