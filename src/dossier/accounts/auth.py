"""Turning a signed-in web request into the Actor that services receive, once per request."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from dossier.accounts.models import User
from dossier.accounts.selectors import actor_for
from dossier.core.actor import Actor


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def request_actor(request: HttpRequest) -> Actor:
    """The Actor of this request: set by API token auth, else built from the session user."""
    cached = getattr(request, "_dossier_actor", None)
    if cached is None:
        cached = actor_for(cast(User, request.user), via="web", ip=client_ip(request))
        request._dossier_actor = cached  # type: ignore[attr-defined]
    return cast(Actor, cached)
