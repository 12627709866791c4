"""The customer list: filters in the URL, sorting, paging, saved views and bulk changes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from dossier.access.policy import ALL, has_perm
from dossier.accounts.auth import request_actor
from dossier.core import paging
from dossier.core.actor import Actor
from dossier.core.errors import Invalid
from dossier.customers import selectors, services
from dossier.customers.forms import BulkForm, FilterForm, SavedViewForm
from dossier.customers.selectors import CustomerFilter
from dossier.customfields import selectors as templates
from dossier.infra.paging import CappedPaginator

FILTERS = tuple(CustomerFilter.__dataclass_fields__)


def may_assign(actor: Actor) -> bool:
    return ALL in actor.permissions or has_perm(actor, "customer.change_in_scope")


@login_required
def customer_list(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    categories, owners = list(selectors.categories()), selectors.owner_names()
    form = FilterForm(
        request.GET or None,
        categories=categories,
        specs={spec.key: spec for spec in templates.specs("customer")},
        owners=owners,
        tags=selectors.tags_in_use(actor),
    )
    chosen: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a filter that does not parse is reported; the others still apply
        chosen = form.cleaned_data
    filters = CustomerFilter(**{k: chosen.get(k) or None for k in FILTERS})
    sort = chosen.get("sort") or "-updated_at"
    rows = selectors.window(actor, filters, [sort], display=True)
    paginator = CappedPaginator(rows, chosen.get("size") or 25, counted=rows.matches)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "count_exact": paginator.count_exact and rows.complete,
        "text_complete": rows.complete,
        "text_cap": paging.COUNT_CAP,
        "query": query.urlencode(),
        "filtered": any(chosen.get(k) for k in FILTERS),
        "saved_views": selectors.saved_views(actor),
        "may_bulk": has_perm(actor, "customer.change") and not actor.read_only,
        "may_add": has_perm(actor, "customer.add") and not actor.read_only,
        "may_assign": may_assign(actor),
        "categories": categories,
        "owners": owners,
        "sort": sort,
    }
    htmx = getattr(request, "htmx", None)
    fragment = htmx and htmx.target == "customer-results" and not htmx.history_restore_request
    template = "customers/_results.html" if fragment else "customers/list.html"
    return render(request, template, context, status=200 if not form.errors else 422)


def _back_to_list(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    return redirect(reverse("customers:list") + (f"?{query}" if query else ""))


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = BulkForm(request.POST)
    selected = form.customer_ids(request.POST.getlist("selected"))
    if not form.is_valid():
        messages.error(request, _("Choose an action and a value for the selected customers."))
        return _back_to_list(request)
    try:
        changed = services.bulk_update(
            actor, selected, form.cleaned_data["action"], form.cleaned_data["value"]
        )
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, "; ".join(problem.message for problem in error.errors))
        return _back_to_list(request)
    messages.success(
        request,
        ngettext("Changed %(n)s customer.", "Changed %(n)s customers.", changed) % {"n": changed},
    )
    return _back_to_list(request)


@login_required
@require_POST
def save_view(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the view a name of 1 to 60 characters."))
        return _back_to_list(request)
    try:
        view = services.save_view(
            request_actor(request), form.cleaned_data["name"], form.cleaned_data["query"]
        )
    except Invalid as error:
        messages.error(request, error.errors[0].message)
        return _back_to_list(request)
    messages.success(request, _("Saved the view “%(name)s”.") % {"name": view.name})
    return redirect(reverse("customers:list") + (f"?{view.query}" if view.query else ""))


@login_required
@require_POST
def delete_view(request: HttpRequest, view_id: int) -> HttpResponse:
    services.delete_view(request_actor(request), view_id)
    messages.success(request, _("The saved view is deleted."))
    return redirect("customers:list")
