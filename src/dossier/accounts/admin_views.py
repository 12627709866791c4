"""Admins manage people on the users page: add users, change role, team and status, add
teams and their managers, and change what each role may do. Each form makes one service call."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.accounts import services
from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid


def _done(request: HttpRequest, work: Callable[[], object], success: str) -> HttpResponse:
    try:
        work()
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, "; ".join(problem.message for problem in error.errors))
    else:
        messages.success(request, success)
    return redirect("accounts:users")


@login_required
@require_POST
def create_user(request: HttpRequest) -> HttpResponse:
    data = request.POST
    spec = services.NewUser(
        username=data.get("username", ""),
        password=data.get("password", ""),
        role=data.get("role", ""),
        team=data.get("team") or None,
        email=data.get("email", ""),
        display_name=data.get("display_name", ""),
    )
    actor = request_actor(request)
    return _done(
        request,
        lambda: services.create_user(actor, spec),
        _("Added %(user)s.") % {"user": spec.username},
    )


@login_required
@require_POST
def update_user(request: HttpRequest, username: str) -> HttpResponse:
    changes: dict[str, object] = {
        "role": request.POST.get("role") or None,
        "team": request.POST.get("team") or None,
        "is_active": request.POST.get("is_active") == "on",
    }
    actor = request_actor(request)
    return _done(
        request,
        lambda: services.update_user(actor, username, changes),
        _("Saved %(user)s.") % {"user": username},
    )


@login_required
@require_POST
def create_team(request: HttpRequest) -> HttpResponse:
    name = request.POST.get("name", "")
    managers = request.POST.getlist("managers")
    actor = request_actor(request)
    return _done(
        request,
        lambda: services.create_team(actor, name, managers),
        _("Added the team %(team)s.") % {"team": name},
    )


@login_required
@require_POST
def team_managers(request: HttpRequest, name: str) -> HttpResponse:
    managers = request.POST.getlist("managers")
    actor = request_actor(request)
    return _done(
        request,
        lambda: services.set_team_managers(actor, name, managers),
        _("Saved the managers of %(team)s.") % {"team": name},
    )


@login_required
@require_POST
def role_permissions(request: HttpRequest, code: str) -> HttpResponse:
    permissions = request.POST.getlist("permissions")
    actor = request_actor(request)
    return _done(
        request,
        lambda: services.set_role_permissions(actor, code, permissions),
        _("Saved the role. It applies from its users' next click."),
    )
