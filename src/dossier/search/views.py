"""The results page /search/ (kind tabs, facets, snippets, pages) and saved searches."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid
from dossier.customers import selectors as customers
from dossier.search import selectors, services
from dossier.search.domain import KINDS, Hit

PAGE = 20
FACETS = ("category", "region", "owner", "tag")


def _link(hit: Hit) -> str:
    if hit.kind == "document":
        return reverse("documents:document", args=[hit.object_id])
    return reverse("customers:detail", args=[hit.customer_id])


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _page(raw: str | None) -> int:
    return max(1, min(int(raw), 500)) if raw and raw.isdigit() else 1


def _filters(request: HttpRequest) -> selectors.SearchFilter:
    get = request.GET
    return selectors.SearchFilter(
        kind=KINDS.get(get.get("kind", "")),
        category=get.get("category") or None,
        province=get.get("region") or None,
        owner=get.get("owner") or None,
        tag=get.get("tag") or None,
        date_from=_day(get.get("from")),
        date_to=_day(get.get("to")),
    )


def _url(params: dict[str, str], **changes: str | None) -> str:
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v})


KIND_LABELS = {
    "customer": gettext_lazy("Customer"),
    "contact": gettext_lazy("Contact"),
    "opportunity": gettext_lazy("Opportunity"),
    "service-record": gettext_lazy("Service record"),
    "interaction": gettext_lazy("Interaction"),
    "document": gettext_lazy("File"),
}


@login_required
def results(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    q = request.GET.get("q", "").strip()[:500]
    page = _page(request.GET.get("page"))
    found = selectors.search(actor, q, _filters(request), limit=PAGE, offset=(page - 1) * PAGE)
    params = {k: str(v) for k, v in request.GET.items() if k != "page" and v}
    categories = {c.code: c.name for c in customers.categories()}
    facets = {
        name: [
            (
                categories.get(value, value) if name == "category" else value,
                n,
                _url(params, **{name: None if params.get(name) == value else value}),
            )
            for value, n in found.facets.get(name, {}).items()
        ]
        for name in FACETS
    }
    tabs = [
        (kind, found.facets.get("kind", {}).get(kind, 0), _url(params, kind=kind, page=None))
        for kind in KINDS
    ]
    pages = (found.total + PAGE - 1) // PAGE
    context = {
        "q": q,
        "found": found,
        "hits": [(hit, _link(hit), KIND_LABELS.get(hit.kind, hit.kind)) for hit in found.hits],
        "tabs": tabs,
        "kind": request.GET.get("kind", ""),
        "all_url": _url(params, kind=None),
        "facets": facets,
        "chosen": params,
        "page": page,
        "pages": pages,
        "prev_url": _url(params, page=str(page - 1)) if page > 1 else "",
        "next_url": _url(params, page=str(page + 1)) if page < pages else "",
        "saved": selectors.saved_searches(actor),
        "query_string": urlencode(params),
    }
    return render(request, "search/results.html", context)


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("query", "")
    try:
        services.save_search(request_actor(request), request.POST.get("name", ""), query)
        messages.success(request, _("Search saved."))
    except Invalid as error:
        messages.error(request, error.message)
    return redirect(reverse("search:results") + (f"?{query}" if query else ""))


@login_required
@require_POST
def delete(request: HttpRequest, search_id: int) -> HttpResponse:
    services.delete_search(request_actor(request), search_id)
    messages.success(request, _("Saved search deleted."))
    return redirect(reverse("search:results"))
