"""The pipeline board, and the Opportunities tab of a customer's page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.policy import has_perm
from dossier.accounts.auth import request_actor
from dossier.core.errors import Conflict, Invalid
from dossier.customers.views.page import customer_page
from dossier.customfields import selectors as templates
from dossier.customfields.forms import show_errors
from dossier.sales import selectors, services
from dossier.sales.forms import MoveForm, OpportunityForm, stage_choices


@login_required
def pipeline(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    columns = selectors.board(actor, per_stage=12)
    context = {
        "columns": columns,
        "stage_choices": stage_choices([column["stage"] for column in columns]),  # type: ignore[misc]
        "may_move": has_perm(actor, "customer.change") and not actor.read_only,
    }
    return render(request, "sales/pipeline.html", context)


@login_required
@require_POST
def move(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    actor = request_actor(request)
    selectors.opportunity(actor, opportunity_id)  # 404 before any word about the form
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a stage."))
        return redirect("sales:pipeline")
    try:
        opportunity = services.update_opportunity(
            actor,
            opportunity_id,
            {"stage": form.cleaned_data["stage"]},
            expected_version=form.cleaned_data["version"],
        )
    except (Invalid, Conflict) as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.message)
        return redirect("sales:pipeline")
    messages.success(
        request,
        _("“%(project)s” is now at %(stage)s.")
        % {"project": opportunity.project, "stage": opportunity.stage.name},
    )
    return redirect("sales:pipeline")


@login_required
def customer_opportunities(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    form = OpportunityForm(
        request.POST or None,
        specs=templates.specs("opportunity"),
        stages=list(selectors.stages()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_opportunity(actor, form.payload(customer_id))
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Added the opportunity."))
            return redirect("sales:customer-opportunities", customer_id)
    rows = selectors.opportunities(actor).filter(customer_id=customer_id)[:100]
    context: dict[str, Any] = {
        "form": form,
        "items": rows,
        "may_add": has_perm(actor, "customer.change") and not actor.read_only,
    }
    status = 422 if form.errors else 200
    return customer_page(request, customer_id, "opportunities", "sales/_tab.html", context, status)
