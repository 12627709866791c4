"""The home page and the CSRF failure page."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.accounts import selectors as accounts
from dossier.accounts.auth import request_actor
from dossier.audit import selectors as audit
from dossier.audit.forms import event_rows
from dossier.core.errors import PermissionDenied
from dossier.customers import selectors as customers
from dossier.documents import selectors as documents
from dossier.interactions import selectors as interactions
from dossier.sales import selectors as sales
from dossier.web.errors import error_response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    activity = event_rows(audit.recent_activity(actor, limit=12))
    today = timezone.localdate()
    context = {
        "counts": {
            **accounts.counts(),
            "customers": customers.readable(actor).count(),
            "files": documents.readable(actor).count(),
        },
        "pipeline": sales.open_pipeline(actor),
        "follow_ups": interactions.follow_ups(actor, today + timedelta(days=7)),
        "today": today,
        "activity": activity,
    }
    return render(request, "web/home.html", context)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _("This form has expired or was sent from elsewhere. Reload the page and try again.")
    return error_response(request, PermissionDenied(message, code="csrf_failed"))
