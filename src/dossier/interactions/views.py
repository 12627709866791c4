"""The Interactions and Service tabs of a customer's page, each with its quick form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.access.policy import has_perm
from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid
from dossier.customers import selectors as customers
from dossier.customers.views.page import customer_page
from dossier.customfields import selectors as templates
from dossier.customfields.forms import show_errors
from dossier.interactions import selectors, services
from dossier.interactions.forms import InteractionForm, ServiceRecordForm


def _may_add(request: HttpRequest) -> bool:
    actor = request_actor(request)
    return has_perm(actor, "interaction.add") and not actor.read_only


@login_required
def customer_interactions(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    form = InteractionForm(
        request.POST or None,
        initial={"occurred_at": now},
        specs=templates.specs("interaction"),
        contacts=list(customers.contacts(actor, customer_id)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_interaction(actor, form.payload(customer_id))
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Logged the interaction."))
            return redirect("interactions:customer-interactions", customer_id)
    rows = selectors.interactions(actor).filter(customer_id=customer_id)[:100]
    context: dict[str, Any] = {"form": form, "items": rows, "may_add": _may_add(request)}
    status = 422 if form.errors else 200
    return customer_page(
        request, customer_id, "interactions", "interactions/_tab.html", context, status
    )


@login_required
def customer_service(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    form = ServiceRecordForm(
        request.POST or None,
        initial={"service_date": timezone.localdate().isoformat(), "handler": actor.username},
        specs=templates.specs("service_record"),
        handlers=customers.owner_names(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_service_record(actor, form.payload(customer_id))
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Added the service record."))
            return redirect("interactions:customer-service", customer_id)
    rows = selectors.service_records(actor).filter(customer_id=customer_id)[:100]
    context: dict[str, Any] = {"form": form, "items": rows, "may_add": _may_add(request)}
    status = 422 if form.errors else 200
    return customer_page(
        request, customer_id, "service", "interactions/_service.html", context, status
    )
