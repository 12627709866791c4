"""A customer's timeline and revisions, restoring an earlier version, and the trash."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.policy import has_perm, may_delete_customer
from dossier.accounts.auth import request_actor
from dossier.audit.domain import state_at
from dossier.audit.models import Revision
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, Invalid
from dossier.customers import selectors, services, timeline
from dossier.customers.views.page import customer_page


def revision_rows(actor: Actor, revisions: list[Revision]) -> list[dict[str, Any]]:
    words = timeline.vocabulary(actor)
    return [
        {
            "revision": r,
            "title": timeline.ACTION_TITLES.get(r.action, r.action),
            "changes": timeline.labelled_changes(r, words),
        }
        for r in revisions
    ]


@login_required
def history(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    revisions = list(selectors.customer_history(actor, customer_id)[:200])
    context = {
        "revision_rows": revision_rows(actor, revisions),
        "entries": timeline.entries(actor, customer_id, limit=100),
        "view": request.GET.get("view", "timeline"),
    }
    return customer_page(request, customer_id, "history", "customers/_history.html", context)


@login_required
def revision(request: HttpRequest, customer_id: int, version: int) -> HttpResponse:
    """The whole record as it was at `version`, field by field."""
    actor = request_actor(request)
    history = selectors.customer_history(actor, customer_id)
    found = history.filter(version=version).first()
    if found is None:
        return customer_page(
            request, customer_id, "history", "customers/_revision_missing.html", status=404
        )
    state = state_at(history.values_list("version", "changes"), version)
    fields = timeline.snapshot_lines(state, timeline.vocabulary(actor))
    context = {"revision": found, "fields": fields, "row": revision_rows(actor, [found])[0]}
    return customer_page(request, customer_id, "history", "customers/_revision.html", context)


@login_required
@require_POST
def revert(request: HttpRequest, customer_id: int, version: int) -> HttpResponse:
    actor = request_actor(request)
    raw_version = request.POST.get("version", "")
    try:
        services.revert_customer(
            actor,
            customer_id,
            version,
            expected_version=int(raw_version) if raw_version.isdigit() else None,
        )
    except (Invalid, Conflict) as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.message)
        return redirect("customers:history", customer_id)
    messages.success(request, _("Restored version %(v)s as a new version.") % {"v": version})
    return redirect("customers:detail", customer_id)


@login_required
def trash(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = selectors.for_display(selectors.trash(actor))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "may_purge": has_perm(actor, "trash.purge") and not actor.read_only,
        "restorable": {c.pk for c in page if may_delete_customer(actor, c.owner_id, c.team_id)},
    }
    return render(request, "customers/trash.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, customer_id: int) -> HttpResponse:
    customer = services.restore_customer(request_actor(request), customer_id)
    messages.success(request, _("“%(name)s” is back.") % {"name": customer.name})
    return redirect("customers:detail", customer_id)


@login_required
@require_POST
def purge(request: HttpRequest, customer_id: int) -> HttpResponse:
    services.purge_customer(request_actor(request), customer_id)
    messages.success(request, _("The customer is deleted for good."))
    return redirect("customers:trash")
