"""Web form fields generated from a template, so every page shows what the template defines.

The form only renders and carries what the user typed: the services clean and check every
value, and their errors are put back on the matching fields (`show_errors`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dossier.core.errors import Invalid
from dossier.customfields.domain import FieldSpec, FieldType

CUSTOM = "custom__"  # form names of custom fields: a dot in a name breaks CSS selectors


def form_name(spec: FieldSpec) -> str:
    return spec.key if spec.is_system else CUSTOM + spec.key


def _widget(spec: FieldSpec) -> forms.Widget:
    kind = spec.field_type
    attrs: dict[str, str] = {}
    if kind == FieldType.LONG_TEXT:
        return forms.Textarea(attrs={"rows": "3"})
    # Dates are typed, not picked: people write 2024年3月5日 or 5/3/2024, and the parser
    # understands what they write (a date picker would refuse it).
    if kind == FieldType.DATE:
        attrs = {"placeholder": "2024-03-05", "autocomplete": "off"}
    elif kind == FieldType.DATETIME:
        attrs = {"placeholder": "2024-03-05 14:30", "autocomplete": "off"}
    elif kind == FieldType.EMAIL:
        attrs = {"inputmode": "email", "autocomplete": "off"}
    elif kind == FieldType.PHONE:
        attrs = {"inputmode": "tel"}
    elif kind == FieldType.URL:
        attrs = {"inputmode": "url"}
    elif kind in {FieldType.INTEGER, FieldType.DECIMAL, FieldType.MONEY}:
        attrs = {"inputmode": "decimal"}
    elif kind in {FieldType.CN_RESIDENT_ID, FieldType.CREDIT_CODE}:
        attrs = {"autocomplete": "off", "spellcheck": "false", "class": "mono"}
    return forms.TextInput(attrs=attrs)


def _help(spec: FieldSpec) -> str:
    hints = {
        FieldType.PHONE: _("Any usual form: 138 1234 5678, 010-6552 9988, +1 650 253 0000."),
        FieldType.DATE: _("A date such as 2024-03-05 or 2024年3月5日."),
        FieldType.MONEY: _("An amount such as 12000, 1.2万 or USD 500."),
        FieldType.CN_RESIDENT_ID: _("18 characters; the check digit is verified."),
        FieldType.CREDIT_CODE: _("18 characters; the check digit is verified."),
    }
    return str(hints.get(spec.field_type, ""))


def form_field(spec: FieldSpec) -> forms.Field:
    """A field that accepts anything; required only marks the label, the service decides."""
    common: dict[str, Any] = {"label": spec.label, "required": False, "help_text": _help(spec)}
    if spec.field_type == FieldType.CHOICE:
        choices = [("", "—"), *[(o, o) for o in spec.options]]
        field: forms.Field = forms.ChoiceField(choices=choices, **common)
    elif spec.field_type == FieldType.MULTI_CHOICE:
        field = forms.MultipleChoiceField(
            choices=[(o, o) for o in spec.options], widget=forms.CheckboxSelectMultiple, **common
        )
    elif spec.field_type == FieldType.BOOLEAN:
        field = forms.NullBooleanField(
            widget=forms.Select(choices=[("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]),
            **common,
        )
    else:
        field = forms.CharField(widget=_widget(spec), strip=False, **common)
    field.widget.attrs["data-required"] = "true" if spec.required else "false"
    field.is_template_required = spec.required  # type: ignore[attr-defined]
    field.field_type = spec.field_type.value  # type: ignore[attr-defined]
    return field


def add_template_fields(form: forms.Form, specs: Iterable[FieldSpec]) -> list[str]:
    """Add a field per live spec; returns the names added, in template order."""
    names = []
    for spec in specs:
        if spec.retired:
            continue
        name = form_name(spec)
        form.fields[name] = form_field(spec)
        names.append(name)
    return names


def initial_value(spec: FieldSpec, stored: Any) -> Any:
    """What a stored value looks like in its form field."""
    if stored is None:
        return None
    if spec.field_type == FieldType.MONEY and isinstance(stored, Mapping):
        currency = stored.get("currency", "CNY")
        return stored["amount"] if currency == "CNY" else f"{currency} {stored['amount']}"
    if spec.field_type == FieldType.BOOLEAN:
        return stored
    if spec.field_type == FieldType.DATETIME:
        return str(stored)[:16].replace("T", " ")
    return stored


def template_payload(
    form: forms.Form, specs: Iterable[FieldSpec], *, keep_blank: bool
) -> dict[str, Any]:
    """The raw values for the service: system fields at the top, custom ones under `custom`.

    On a create blank fields are left out; on an edit they are sent, so clearing one works.
    """
    payload: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for spec in specs:
        name = form_name(spec)
        if spec.retired or name not in form.fields:
            continue
        value = form.cleaned_data.get(name)
        if value in (None, "", []) and not keep_blank:
            continue
        if value is None:
            value = ""
        (payload if spec.is_system else custom)[spec.key] = value
    if custom or keep_blank:
        payload["custom"] = custom
    return payload


def show_errors(form: forms.Form, error: Invalid) -> None:
    """Put each of the service's field errors on its form field, the rest on the form."""
    for problem in error.errors:
        field = problem.field or ""
        name = CUSTOM + field.removeprefix("custom.") if field.startswith("custom.") else field
        form.add_error(name if name in form.fields else None, problem.message)


class TemplateForm(forms.Form):
    """A form whose fields after the declared ones come from a template."""

    def __init__(self, *args: Any, specs: list[FieldSpec], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.specs = specs
        self.template_names = add_template_fields(self, specs)

    def template_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.template_names]

    def own_fields(self) -> list[forms.BoundField]:
        """The declared fields that are not hidden, in declaration order."""
        return [
            self[name]
            for name in self.fields
            if name not in self.template_names and not self[name].is_hidden
        ]

    def template_payload(self, *, editing: bool) -> dict[str, Any]:
        return template_payload(self, self.specs, keep_blank=editing)


TYPE_LABELS = {
    FieldType.TEXT: _("Text"),
    FieldType.LONG_TEXT: _("Long text"),
    FieldType.INTEGER: _("Whole number"),
    FieldType.DECIMAL: _("Decimal number"),
    FieldType.MONEY: _("Money"),
    FieldType.DATE: _("Date"),
    FieldType.DATETIME: _("Date and time"),
    FieldType.EMAIL: _("E-mail"),
    FieldType.PHONE: _("Phone"),
    FieldType.URL: _("Web address"),
    FieldType.CHOICE: _("Choice"),
    FieldType.MULTI_CHOICE: _("Multiple choice"),
    FieldType.BOOLEAN: _("Yes/no"),
    FieldType.CUSTOMER_LINK: _("Customer link"),
    FieldType.CN_RESIDENT_ID: _("Resident ID number (身份证)"),
    FieldType.CREDIT_CODE: _("Unified social credit code"),
}
OPTION_SEPARATORS = re.compile(r"[\n,,、;;]+")


def _options_list(raw: str) -> list[str]:
    return [o.strip() for o in OPTION_SEPARATORS.split(raw or "") if o.strip()]


class AddFieldForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=80)
    label_en = forms.CharField(label=_("English label"), max_length=80, required=False)
    key = forms.CharField(
        label=_("Key"),
        max_length=64,
        help_text=_("Stored values are keyed by it for ever: lower-case letters, digits, _."),
    )
    field_type = forms.ChoiceField(
        label=_("Type"), choices=[(t.value, label) for t, label in TYPE_LABELS.items()]
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": "3"}),
        help_text=_("For choice fields: one per line or separated by commas."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    unique = forms.BooleanField(label=_("Unique"), required=False)
    sensitive = forms.BooleanField(label=_("Sensitive"), required=False)
    min_value = forms.CharField(label=_("Minimum"), required=False, max_length=40)
    max_value = forms.CharField(label=_("Maximum"), required=False, max_length=40)
    max_length = forms.IntegerField(label=_("Longest length"), required=False, min_value=1)
    regex = forms.CharField(label=_("Pattern (regular expression)"), required=False, max_length=200)

    def definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        rules: dict[str, Any] = {}
        for name, rule in (("min_value", "min"), ("max_value", "max"), ("regex", "regex")):
            if data.get(name):
                rules[rule] = data[name]
        if data.get("max_length"):
            rules["max_length"] = data["max_length"]
        return {
            "key": data["key"],
            "label": data["label"],
            "label_en": data.get("label_en") or "",
            "field_type": data["field_type"],
            "required": data["required"],
            "unique": data["unique"],
            "sensitive": data["sensitive"],
            "options": _options_list(data.get("options") or ""),
            "rules": rules,
        }


class ChangeFieldForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=80)
    label_en = forms.CharField(label=_("English label"), max_length=80, required=False)
    options = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": "2"})
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    sensitive = forms.BooleanField(label=_("Sensitive"), required=False)

    @classmethod
    def for_definition(cls, definition: Any) -> ChangeFieldForm:
        return cls(
            initial={
                "label": definition.label,
                "label_en": definition.label_en,
                "options": "\n".join(definition.options or []),
                "required": definition.required,
                "sensitive": definition.sensitive,
            },
            auto_id=f"id_{definition.key}_%s",
        )

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        changes: dict[str, Any] = {
            "label": data["label"],
            "label_en": data["label_en"],
            "required": data["required"],
            "sensitive": data["sensitive"],
        }
        options = _options_list(data.get("options") or "")
        if options:
            changes["options"] = options
        return changes
