"""Admin page for naming rules: set one per document type, preview and re-apply in bulk."""

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
from dossier.customfields.forms import show_errors
from dossier.documents import naming, selectors, services
from dossier.documents.domain import DOCTYPES
from dossier.documents.forms import ClassificationRuleForm, NamingRuleForm


@login_required
def naming_rules(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    require(actor, "settings.manage")
    form = NamingRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_naming_rule(
                actor, form.cleaned_data["doctype"] or "", form.cleaned_data["rule"]
            )
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Saved the naming rule. Preview what it changes below."))
            return redirect("documents:naming-rules")
    rules = selectors.naming_rules()
    rows = [
        {
            "doctype": "",
            "name": _("Every type (default)"),
            "rule": rules.get("", naming.DEFAULT_RULE),
            "set": "" in rules,
        }
    ] + [
        {"doctype": code, "name": names[0], "rule": rules[code], "set": True}
        for code, names in DOCTYPES.items()
        if code in rules
    ]
    preview = services.reapply_naming(actor) if request.GET.get("preview") else None
    context = {
        "form": form,
        "rows": rows,
        "preview": preview[:200] if preview else preview,
        "preview_count": len(preview or []),
    }
    return render(request, "documents/naming.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def apply_naming(request: HttpRequest) -> HttpResponse:
    changed = services.reapply_naming(request_actor(request), apply=True)
    messages.success(
        request, _("Renamed %(n)s file(s). No file content moved.") % {"n": len(changed)}
    )
    return redirect("documents:naming-rules")


@login_required
@require_POST
def delete_naming_rule(request: HttpRequest, doctype: str) -> HttpResponse:
    services.delete_naming_rule(request_actor(request), "" if doctype == "default" else doctype)
    messages.success(request, _("The naming rule is deleted; the default applies."))
    return redirect("documents:naming-rules")


@login_required
def classification_rules(request: HttpRequest) -> HttpResponse:
    """The rules that file uploads by their name or text, first match first."""
    actor = request_actor(request)
    require(actor, "settings.manage")
    form = ClassificationRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_classification_rule(actor, form.rule())
        except Invalid as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Added the rule. It applies to the next uploads."))
            return redirect("documents:classification-rules")
    context = {"form": form, "rules": selectors.classification_rules(), "doctypes": DOCTYPES}
    return render(
        request, "documents/classification.html", context, status=422 if form.errors else 200
    )


@login_required
@require_POST
def delete_classification_rule(request: HttpRequest, rule_id: int) -> HttpResponse:
    services.delete_classification_rule(request_actor(request), rule_id)
    messages.success(request, _("The rule is deleted."))
    return redirect("documents:classification-rules")
