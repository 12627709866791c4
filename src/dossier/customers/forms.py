"""Forms of the customer pages: list filters, the template-driven record form, contacts."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dossier.customers.domain import split_tags
from dossier.customers.models import Category, Customer
from dossier.customers.services import BULK_ACTIONS
from dossier.customfields.domain import FieldSpec
from dossier.customfields.forms import TemplateForm, initial_value

SORT_CHOICES = [
    ("-updated_at", _("Recently changed")),
    ("-created_at", _("Recently added")),
    ("name", _("Name A–Z")),
    ("-name", _("Name Z–A")),
    ("province", _("Region")),
    ("industry", _("Industry")),
    ("level", _("Level")),
]
PAGE_SIZES = (25, 50, 100)


def _options(spec_options: tuple[str, ...], blank: str) -> list[tuple[str, str]]:
    return [("", blank), *[(o, o) for o in spec_options]]


def _category_choices(categories: list[Category], blank: str | None) -> list[tuple[str, str]]:
    rows = [(c.code, c.name) for c in categories]
    return [("", blank), *rows] if blank is not None else rows


class FilterForm(forms.Form):
    """The filters above the customer list; every field is optional, all are in the URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind")), *Customer.Kind.choices],
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    province = forms.CharField(label=_("Province"), required=False, max_length=32)
    city = forms.CharField(label=_("City"), required=False, max_length=32)
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=40)
    created_from = forms.DateField(
        label=_("Added from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    created_to = forms.DateField(
        label=_("Added to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    updated_from = forms.DateField(
        label=_("Changed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    updated_to = forms.DateField(
        label=_("Changed to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=SORT_CHOICES)
    size = forms.TypedChoiceField(
        label=_("Per page"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, n) for n in PAGE_SIZES],
    )

    def __init__(
        self,
        *args: Any,
        categories: list[Category],
        specs: dict[str, FieldSpec],
        owners: list[str],
        tags: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.tags = tags
        self.fields["category"].choices = _category_choices(categories, str(_("Any category")))  # type: ignore[attr-defined]
        for key, blank in (("industry", _("Any industry")), ("level", _("Any level"))):
            options = specs[key].options if key in specs else ()
            self.fields[key].choices = _options(options, str(blank))  # type: ignore[attr-defined]
        self.fields["owner"].choices = [("", _("Anyone")), *[(o, o) for o in owners]]  # type: ignore[attr-defined]
        self.fields["tag"].widget.attrs["list"] = "tag-options"
        self.fields["q"].widget.attrs.update(
            {"placeholder": _("Name, company, phone or e-mail"), "type": "search"}
        )

    MAIN = ("q", "category", "owner", "level", "industry")

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.MAIN]

    def more_fields(self) -> list[forms.BoundField]:
        skip = {*self.MAIN, "sort", "size"}
        return [self[name] for name in self.fields if name not in skip]

    def has_more(self) -> bool:
        """Whether any of the folded-away filters is set, so the panel opens by itself."""
        return any(self.data.get(b.name) for b in self.more_fields())


class CustomerForm(TemplateForm):
    """The record form: kind, category, owner and tags, then every field of the template."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=Customer.Kind.choices, widget=forms.RadioSelect, initial="company"
    )
    category = forms.ChoiceField(label=_("Category"))
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        help_text=_("Separate tags with commas, e.g. VIP, 华东."),
    )
    referrer = forms.IntegerField(
        label=_("Referred by (customer no.)"),
        required=False,
        min_value=1,
        help_text=_("The number of the customer who referred this one."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        specs: list[FieldSpec],
        categories: list[Category],
        owners: list[str] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, specs=specs, **kwargs)
        self.fields["category"].choices = _category_choices(categories, None)  # type: ignore[attr-defined]
        if owners is None:
            del self.fields["owner"]  # only those who may give customers to others choose
        else:
            self.fields["owner"].choices = [(o, o) for o in owners]  # type: ignore[attr-defined]

    @classmethod
    def initial_for(
        cls, customer: Customer, specs: list[FieldSpec], custom: dict[str, Any]
    ) -> dict[str, Any]:
        """The form's values for a stored customer; `custom` as the actor may read it."""
        initial: dict[str, Any] = {
            "kind": customer.kind,
            "category": customer.category.code,
            "owner": customer.owner.username,
            "tags": ", ".join(t.name for t in customer.tags.all()),
            "referrer": customer.referrer_id,
            "version": customer.version,
        }
        for spec in specs:
            stored = getattr(customer, spec.key, None) if spec.is_system else custom.get(spec.key)
            initial[("" if spec.is_system else "custom__") + spec.key] = initial_value(spec, stored)
        return initial

    def payload(self, *, editing: bool) -> dict[str, Any]:
        data = self.template_payload(editing=editing)
        data["kind"] = self.cleaned_data["kind"]
        data["category"] = self.cleaned_data["category"]
        if self.cleaned_data.get("owner"):
            data["owner"] = self.cleaned_data["owner"]
        data["tags"] = split_tags(self.cleaned_data.get("tags") or "")
        if editing or self.cleaned_data.get("referrer"):
            data["referrer"] = self.cleaned_data.get("referrer")
        return data


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    title = forms.CharField(label=_("Title"), required=False, max_length=100)
    phones = forms.CharField(
        label=_("Phones"), required=False, help_text=_("Several numbers: separate with commas.")
    )
    emails = forms.CharField(label=_("E-mails"), required=False)
    wechat = forms.CharField(label=_("WeChat"), required=False, max_length=64)
    birthday = forms.CharField(
        label=_("Birthday"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    is_primary = forms.BooleanField(label=_("Primary contact"), required=False)

    def payload(self) -> dict[str, Any]:
        """What was filled in; the service splits and checks the phones and e-mails."""
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class BulkForm(forms.Form):
    """One change for the customers ticked in the list (the list renders its own controls)."""

    action = forms.ChoiceField(label=_("Action"), choices=[(a, a) for a in BULK_ACTIONS])
    value = forms.CharField(label=_("Value"), max_length=150)

    def customer_ids(self, selected: list[str]) -> list[int]:
        return [int(raw) for raw in selected if raw.isdigit()]


class SavedViewForm(forms.Form):
    name = forms.CharField(label=_("Name of this view"), max_length=60)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)


class ShareForm(forms.Form):
    whom = forms.ChoiceField(label=_("Share with"))
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[("read", _("Read")), ("edit", _("Read and edit"))],
        initial="read",
    )
    expires_on = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Why"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. service, cover during leave")}),
    )

    def __init__(self, *args: Any, users: list[str], teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["whom"].choices = [  # type: ignore[attr-defined]
            (str(_("People")), [(f"user:{u}", u) for u in users]),
            (str(_("Teams")), [(f"team:{t}", t) for t in teams]),
        ]

    def grant(self) -> dict[str, Any]:
        kind, _sep, name = self.cleaned_data["whom"].partition(":")
        expires = self.cleaned_data.get("expires_on")
        return {
            "user": name if kind == "user" else None,
            "team": name if kind == "team" else None,
            "access": self.cleaned_data["access"],
            "expires_at": day_end(expires) if expires else None,
            "reason": self.cleaned_data.get("reason") or "",
        }


def day_end(day: date) -> datetime:
    """A share "until 3 May" lasts through that day in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.max))
