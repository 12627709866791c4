"""Admin pages for templates: add, rename, reorder, retire and reinstate fields."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.policy import require
from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid
from dossier.customfields import selectors, services
from dossier.customfields.domain import FieldType
from dossier.customfields.forms import TYPE_LABELS, AddFieldForm, ChangeFieldForm


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    require(request_actor(request), "settings.manage")
    return render(request, "customfields/templates.html", {"templates": selectors.overview()})


def _detail(request: HttpRequest, code: str, add_form: AddFieldForm, status: int) -> HttpResponse:
    rows = [
        {
            "definition": d,
            "label": selectors.label_of(d),
            "type": TYPE_LABELS.get(FieldType(d.field_type), d.field_type),
            "form": ChangeFieldForm.for_definition(d),
        }
        for d in selectors.definitions(code, include_retired=True)
    ]
    context = {"template": selectors.template(code), "rows": rows, "add_form": add_form}
    return render(request, "customfields/template.html", context, status=status)


@login_required
def template_detail(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    require(actor, "settings.manage")
    form = AddFieldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_field(actor, code, **form.definition())
        except Invalid as error:
            for problem in error.errors:
                form.add_error(
                    problem.field if problem.field in form.fields else None, problem.message
                )
        else:
            messages.success(
                request, _("Added the field “%(label)s”.") % {"label": form.cleaned_data["label"]}
            )
            return redirect("customfields:template", code)
    return _detail(request, code, form, 422 if form.errors else 200)


@login_required
@require_POST
def change_field(request: HttpRequest, code: str, key: str) -> HttpResponse:
    require(request_actor(request), "settings.manage")
    form = ChangeFieldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A label has 1 to 80 characters."))
        return redirect("customfields:template", code)
    try:
        services.change_field(request_actor(request), code, key, form.changes())
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("Saved the field."))
    return redirect("customfields:template", code)


@login_required
@require_POST
def retire_field(request: HttpRequest, code: str, key: str) -> HttpResponse:
    require(request_actor(request), "settings.manage")
    retired = request.POST.get("retired", "true") == "true"
    try:
        services.retire_field(request_actor(request), code, key, retired=retired)
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.errors[0].message)
    else:
        messages.success(
            request,
            _("Retired the field; every stored value is kept.")
            if retired
            else _("The field is back."),
        )
    return redirect("customfields:template", code)


@login_required
@require_POST
def move_field(request: HttpRequest, code: str, key: str) -> HttpResponse:
    require(request_actor(request), "settings.manage")
    keys = list(selectors.definitions(code, include_retired=True).values_list("key", flat=True))
    if key in keys:
        at = keys.index(key)
        to = at - 1 if request.POST.get("direction") == "up" else at + 1
        if 0 <= to < len(keys):
            keys[at], keys[to] = keys[to], keys[at]
            services.reorder_fields(request_actor(request), code, keys)
    return redirect("customfields:template", code)
