"""The audit trail page: filters, and a table that htmx swaps as they change."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from dossier.accounts.auth import request_actor
from dossier.audit import selectors
from dossier.audit.forms import AuditFilterForm, event_rows

PAGE_SIZE = 50


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    actions = selectors.actions()
    form = AuditFilterForm(request.GET or None, actions=actions)
    valid = form.is_valid()
    filters = selectors.AuditFilter(**form.cleaned_data) if valid else selectors.AuditFilter()
    rows = selectors.events(actor, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": event_rows(page),
        "query": query.urlencode(),
        "actions": actions,
    }
    # A history restore after a cache miss wants the whole page, not the table alone.
    htmx = request.htmx  # type: ignore[attr-defined]
    fragment = htmx and not htmx.history_restore_request
    template = "audit/_table.html" if fragment else "audit/trail.html"
    response = render(request, template, context)
    # The same URL answers with a page or a fragment; the browser must not cache one for the other.
    patch_vary_headers(response, ("HX-Request",))
    return response
