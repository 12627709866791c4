"""The home page and the CSRF failure page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dossier.accounts import selectors as accounts
from dossier.accounts.auth import request_actor
from dossier.audit import selectors as audit
from dossier.audit.forms import event_rows
from dossier.core.errors import PermissionDenied
from dossier.web.errors import error_response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    activity = event_rows(audit.recent_activity(actor, limit=12))
    context = {"counts": accounts.counts(), "activity": activity}
    return render(request, "web/home.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _("This form has expired or was sent from elsewhere. Reload the page and try again.")
    return error_response(request, PermissionDenied(message, code="csrf_failed"))
