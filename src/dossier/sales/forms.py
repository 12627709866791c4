"""The opportunity form of a customer's page and the stage switch on the pipeline board."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dossier.customfields.forms import TemplateForm
from dossier.sales.models import Stage


def stage_choices(stages: list[Stage]) -> list[tuple[str, str]]:
    return [(s.code, s.name) for s in stages]


class OpportunityForm(TemplateForm):
    stage = forms.ChoiceField(label=_("Stage"))

    def __init__(self, *args: Any, stages: list[Stage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stage_choices(stages)  # type: ignore[attr-defined]

    def payload(self, customer_id: int) -> dict[str, Any]:
        data = self.template_payload(editing=False)
        return {**data, "stage": self.cleaned_data["stage"], "customer": customer_id}


class MoveForm(forms.Form):
    stage = forms.CharField(max_length=32)
    version = forms.IntegerField(min_value=1)
