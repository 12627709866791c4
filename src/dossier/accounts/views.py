"""Sign-in, sign-out, password change, API tokens, and the users list for admins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.catalogue import ALL, PERMISSIONS
from dossier.accounts import selectors, services
from dossier.accounts.auth import client_ip, request_actor
from dossier.accounts.forms import PasswordForm, TokenForm, role_name
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_login(request_actor(self.request))
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        self.request.keep_writes = True  # type: ignore[attr-defined]
        anonymous = Actor(
            user_id=None, username="anonymous", role="", via="web", ip=client_ip(self.request)
        )
        services.record_login_failure(anonymous, str(form.data.get("username", "")))
        return super().form_invalid(form)


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """What django-axes shows once a user name has failed too often."""
    request.keep_writes = True  # type: ignore[attr-defined]
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(request_actor(request))
    logout(request)
    messages.info(request, _("You are signed out."))
    return redirect("accounts:login")


@login_required
def password(request: HttpRequest) -> HttpResponse:
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(
                request_actor(request),
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password"],
            )
        except Invalid as error:
            for problem in error.errors:
                form.add_error(
                    problem.field if problem.field in form.fields else None, problem.message
                )
        else:
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            messages.success(request, _("Your password is changed."))
            return redirect("accounts:password")
    status = 422 if form.errors else 200
    return render(request, "accounts/password.html", {"form": form}, status=status)


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        issued = services.create_token(
            actor,
            username=actor.username,
            name=form.cleaned_data["name"],
            read_only=form.cleaned_data["read_only"],
            expires_days=form.cleaned_data["expires_days"],
        )
        form = TokenForm()
    context = {
        "form": form,
        "issued": issued,
        "now": clock.now(),
        "tokens": selectors.tokens(actor, username=actor.username),
    }
    status = 422 if form.errors else 200
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = services.revoke_token(request_actor(request), token_id)
    messages.success(request, _("Token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("accounts:tokens")


@login_required
def users(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    people = selectors.users(actor).order_by("team__name", "username")
    # Counting members groups the rows, and grouped queries ignore Meta.ordering.
    roles = selectors.roles(actor).order_by("id")
    user_rows = [
        {"user": user, "role": role_name(user.role.code, user.role.name)} for user in people
    ]
    role_rows = [
        {
            "role": role,
            "name": role_name(role.code, role.name),
            "permissions": _permission_labels(role.permissions),
            "choices": [
                (code, str(label), code in role.permissions) for code, label in PERMISSIONS.items()
            ],
        }
        for role in roles
    ]
    context = {
        "users": people,
        "teams": selectors.teams(actor).order_by("name"),
        "roles": roles,
        "user_rows": user_rows,
        "role_rows": role_rows,
    }
    return render(request, "accounts/users.html", context)


def _permission_labels(codes: list[str]) -> list[str]:
    if ALL in codes:
        return [_("All permissions")]
    return [str(PERMISSIONS.get(code, code)) for code in codes]
