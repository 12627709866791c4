"""The quick forms on a customer's page: log an interaction, add a service record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dossier.customers.models import Contact
from dossier.customfields.forms import TemplateForm


class InteractionForm(TemplateForm):
    contact = forms.ChoiceField(label=_("With"), required=False)

    def __init__(self, *args: Any, contacts: list[Contact], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].choices = [  # type: ignore[attr-defined]
            ("", _("— nobody in particular —")),
            *[(str(c.pk), f"{c.name} · {c.title}" if c.title else c.name) for c in contacts],
        ]

    def payload(self, customer_id: int) -> dict[str, Any]:
        data = self.template_payload(editing=False)
        if self.cleaned_data.get("contact"):
            data["contact"] = self.cleaned_data["contact"]
        return {**data, "customer": customer_id}


class ServiceRecordForm(TemplateForm):
    handler = forms.ChoiceField(label=_("Handled by"), required=False)

    def __init__(self, *args: Any, handlers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handler"].choices = [(h, h) for h in handlers]  # type: ignore[attr-defined]

    def payload(self, customer_id: int) -> dict[str, Any]:
        data = self.template_payload(editing=False)
        if self.cleaned_data.get("handler"):
            data["handler"] = self.cleaned_data["handler"]
        return {**data, "customer": customer_id}
