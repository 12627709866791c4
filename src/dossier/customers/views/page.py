"""The customer 360 page around a tab: whole on a normal request, the tab alone for htmx.

Tabs of other apps (opportunities, service, interactions) render through `customer_page`
too, so the header and the tab bar are written once.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dossier.access.policy import may_delete_customer
from dossier.accounts.auth import request_actor
from dossier.core.actor import Actor
from dossier.customers import selectors
from dossier.customers.models import Customer

# (tab, label, URL name): the URL names of other apps are only reversed, never imported.
TABS = [
    ("details", _("Details"), "customers:detail"),
    ("contacts", _("Contacts"), "customers:contacts"),
    ("opportunities", _("Opportunities"), "sales:customer-opportunities"),
    ("service", _("Service records"), "interactions:customer-service"),
    ("interactions", _("Interactions"), "interactions:customer-interactions"),
    ("files", _("Files"), "documents:customer-files"),
    ("history", _("History"), "customers:history"),
    ("access", _("Access"), "customers:access"),
]


def rights(actor: Actor, customer: Customer) -> dict[str, bool]:
    return {
        "may_change": not actor.read_only and selectors.may_change(actor, customer),
        "may_delete": not actor.read_only
        and may_delete_customer(actor, customer.owner_id, customer.team_id),
    }


def customer_page(
    request: HttpRequest,
    customer_id: int,
    tab: str,
    panel: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = request_actor(request)
    customer = selectors.with_contacts(actor, customer_id)
    tabs = [
        {"code": code, "label": label, "url": reverse(name, args=[customer.pk])}
        for code, label, name in TABS
    ]
    full = {
        "customer": customer,
        "tab": tab,
        "tabs": tabs,
        "panel": panel,
        "primary_contacts": selectors.primary_contacts(customer),
        **rights(actor, customer),
        **(context or {}),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "customer-panel" and not htmx.history_restore_request:
        return render(request, panel, full, status=status)
    return render(request, "customers/customer.html", full, status=status)
