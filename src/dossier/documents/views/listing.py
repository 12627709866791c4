"""All files one may see, filtered; bulk tagging and moving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid
from dossier.customers import selectors as customers
from dossier.documents import selectors, services
from dossier.documents.forms import doctype_choices
from dossier.documents.views.files import rights
from dossier.infra.paging import CappedPaginator


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("File name or title"), required=False, max_length=100)
    doctype = forms.ChoiceField(label=gettext_lazy("Type"), required=False)
    tag = forms.CharField(label=gettext_lazy("Tag"), required=False, max_length=40)
    uploader = forms.ChoiceField(label=gettext_lazy("Uploaded by"), required=False)
    date_from = forms.DateField(
        label=gettext_lazy("Dated from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("Dated to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    customer = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, uploaders: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctype"].choices = doctype_choices(str(gettext_lazy("Any type")))  # type: ignore[attr-defined]
        choices = [("", str(gettext_lazy("Anyone"))), *[(u, u) for u in uploaders]]
        self.fields["uploader"].choices = choices  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs["type"] = "search"


FILTERS = tuple(selectors.DocumentFilter.__dataclass_fields__)


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = DocumentFilterForm(request.GET or None, uploaders=customers.owner_names())
    chosen: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        chosen = form.cleaned_data
    filters = selectors.DocumentFilter(**{k: chosen.get(k) or None for k in FILTERS})
    rows = selectors.for_display(selectors.filtered(actor, filters)).order_by("-updated_at", "-id")
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), **rights(actor)}
    htmx = getattr(request, "htmx", None)
    fragment = htmx and htmx.target == "document-results" and not htmx.history_restore_request
    template = "documents/_results.html" if fragment else "documents/list.html"
    return render(request, template, context, status=422 if form.errors else 200)


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    ids = [int(raw) for raw in request.POST.getlist("selected") if raw.isdigit()]
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "documents:list"  # never send anyone off-site from a form field
    try:
        changed = services.bulk_documents(
            request_actor(request),
            ids,
            request.POST.get("action", ""),
            request.POST.get("value", "").strip(),
        )
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, "; ".join(p.message for p in error.errors))
        return redirect(back)
    messages.success(request, _("Changed %(n)s file(s).") % {"n": changed})
    return redirect(back)
