"""A customer's Access tab: who can see it and why, and sharing it with colleagues."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.policy import may_share_customer
from dossier.accounts.auth import request_actor
from dossier.accounts.selectors import teams
from dossier.core import clock
from dossier.core.errors import Invalid
from dossier.customers import selectors, services
from dossier.customers.forms import ShareForm
from dossier.customers.views.page import customer_page
from dossier.customfields.forms import show_errors


@login_required
def access(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    customer = selectors.customer(actor, customer_id)
    form = ShareForm(
        request.POST or None,
        users=[u for u in selectors.owner_names() if u != customer.owner.username],
        teams=[t.name for t in teams(actor).order_by("name")],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.share_customer(actor, customer_id, **form.grant())
        except Invalid as error:
            request.refusal = error.message  # type: ignore[attr-defined]
            show_errors(form, error)
        else:
            messages.success(request, _("Shared."))
            return redirect("customers:access", customer_id)
    context = {
        "visibility": selectors.who_can_see(actor, customer_id),
        "shares": selectors.shares(actor, customer_id),
        "share_form": form,
        "may_share": may_share_customer(actor, customer.owner_id, customer.team_id),
        "now": clock.now(),
    }
    status = 422 if form.errors else 200
    return customer_page(request, customer_id, "access", "customers/_access.html", context, status)


@login_required
@require_POST
def unshare(request: HttpRequest, customer_id: int, share_id: int) -> HttpResponse:
    services.unshare_customer(request_actor(request), customer_id, share_id)
    messages.success(request, _("The share is removed."))
    return redirect("customers:access", customer_id)
