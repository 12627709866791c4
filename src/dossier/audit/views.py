"""The audit trail page: filters, and a table that htmx swaps as they change."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dossier.accounts.auth import request_actor
from dossier.audit import selectors
from dossier.audit.forms import AuditFilterForm

PAGE_SIZE = 50


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = AuditFilterForm(request.GET or None)
    filters = selectors.AuditFilter(**form.cleaned_data) if form.is_valid() else selectors.AuditFilter()
    rows = selectors.events(actor, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "actions": selectors.actions()}
    template = "audit/_table.html" if request.htmx else "audit/trail.html"  # type: ignore[attr-defined]
    return render(request, template, context)
