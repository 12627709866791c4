"""Adding, showing, changing and deleting one customer, and its contacts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.accounts.auth import request_actor
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, Invalid, PermissionDenied
from dossier.core.values import shown_phone
from dossier.customers import selectors, services
from dossier.customers.forms import ContactForm, CustomerForm
from dossier.customers.models import Customer
from dossier.customers.sensitive import may_see
from dossier.customers.views.listing import may_assign
from dossier.customers.views.page import customer_page
from dossier.customfields import selectors as templates
from dossier.customfields.domain import FieldSpec, FieldType
from dossier.customfields.forms import show_errors

TEMPLATE = "customer"


def editable_specs(actor: Actor) -> list[FieldSpec]:
    """The template's fields this actor may fill in: sensitive ones only for those who may
    see them (nobody changes what they cannot read)."""
    specs = templates.specs(TEMPLATE)
    return specs if may_see(actor) else [s for s in specs if not s.sensitive or s.is_system]


def _form(actor: Actor, data: Any = None, initial: Any = None) -> CustomerForm:
    return CustomerForm(
        data,
        initial=initial,
        specs=editable_specs(actor),
        categories=list(selectors.categories()),
        owners=selectors.owner_names() if may_assign(actor) else None,
    )


@login_required
def new_customer(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = _form(actor, request.POST or None, initial={"kind": "company", "category": "prospect"})
    if request.method == "POST" and form.is_valid():
        try:
            customer = services.create_customer(actor, form.payload(editing=False))
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Added “%(name)s”.") % {"name": customer.name})
            return redirect("customers:detail", customer.pk)
    context = {"form": form, "creating": True, "template_name": templates.template(TEMPLATE).name}
    return render(request, "customers/form.html", context, status=422 if form.errors else 200)


def _shown(spec: FieldSpec, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if spec.field_type == FieldType.PHONE:
        return shown_phone(str(value))
    if spec.field_type == FieldType.MONEY and isinstance(value, dict):
        return f"{value.get('currency', 'CNY')} {value.get('amount')}"
    if spec.field_type == FieldType.BOOLEAN:
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def detail_rows(actor: Actor, customer: Customer) -> list[dict[str, Any]]:
    """Every live template field with its value as people read it; retired ones with a value
    stay visible, marked, so no stored value ever disappears from sight. Sensitive values are
    masked unless the actor may see them."""
    rows = []
    custom = selectors.shown_custom(actor, customer)
    for spec in templates.specs(TEMPLATE, include_retired=True):
        stored = getattr(customer, spec.key, None) if spec.is_system else custom.get(spec.key)
        shown = _shown(spec, stored)
        if spec.retired and not shown:
            continue
        rows.append({"spec": spec, "value": shown, "raw": stored})
    return rows


@login_required
def detail(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    customer = selectors.customer(actor, customer_id)
    services.note_unmasked_read(actor, [customer])
    context = {
        "rows": detail_rows(actor, customer),
        "referrals": selectors.referrals(actor, customer_id)[:20],
    }
    return customer_page(request, customer_id, "details", "customers/_details.html", context)


@login_required
def edit_customer(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    customer = selectors.customer(actor, customer_id)
    if not selectors.may_change(actor, customer) or actor.read_only:
        raise PermissionDenied(_("You may not change this customer."))
    initial = CustomerForm.initial_for(
        customer, editable_specs(actor), selectors.shown_custom(actor, customer)
    )
    form = _form(actor, request.POST or None, initial=initial)
    conflict: Conflict | None = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_customer(
                actor,
                customer_id,
                form.payload(editing=True),
                expected_version=form.cleaned_data.get("version"),
            )
        except Invalid as error:
            show_errors(form, error)
        except Conflict as error:
            conflict = error
        else:
            messages.success(request, _("Saved “%(name)s”.") % {"name": customer.name})
            return redirect("customers:detail", customer_id)
    context = {
        "form": form,
        "customer": customer,
        "conflict": conflict,
        "creating": False,
        "template_name": templates.template(TEMPLATE).name,
    }
    status = 409 if conflict else 422 if form.errors else 200
    return render(request, "customers/form.html", context, status=status)


@login_required
@require_POST
def delete_customer(request: HttpRequest, customer_id: int) -> HttpResponse:
    customer = services.delete_customer(request_actor(request), customer_id)
    messages.success(
        request,
        _("“%(name)s” is in the trash; you can restore it there.") % {"name": customer.name},
    )
    return redirect("customers:list")


@login_required
def contacts(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.create_contact(actor, customer_id, form.payload())
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Added the contact."))
            return redirect("customers:contacts", customer_id)
    if form.errors:
        status = 422
    rows = [
        {"contact": c, "phones": [shown_phone(p) for p in c.phones]}
        for c in selectors.contacts(actor, customer_id)
    ]
    context = {"contact_rows": rows, "contact_form": form}
    return customer_page(
        request, customer_id, "contacts", "customers/_contacts.html", context, status
    )
