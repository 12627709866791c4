"""Forms of the file pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dossier.documents.classify import Rule
from dossier.documents.domain import DOCTYPES


def doctype_choices(blank: str | None = None) -> list[tuple[str, str]]:
    rows = [(code, names[0]) for code, names in DOCTYPES.items()]
    return [("", blank), *rows] if blank is not None else rows


class UploadForm(forms.Form):
    folder = forms.CharField(required=False, widget=forms.HiddenInput)
    doctype = forms.ChoiceField(label=_("Type"), required=False)
    project = forms.CharField(label=_("Project"), required=False, max_length=200)
    document_date = forms.CharField(
        label=_("Document date"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2024-03-05", "autocomplete": "off"}),
    )
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctype"].choices = doctype_choices(str(_("Recognise automatically")))  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    name = forms.CharField(label=_("File name"), max_length=255)
    title = forms.CharField(label=_("Document title"), required=False, max_length=200)
    doctype = forms.ChoiceField(label=_("Type"))
    folder = forms.ChoiceField(label=_("Folder"))
    project = forms.CharField(label=_("Project"), required=False, max_length=200)
    document_date = forms.CharField(
        label=_("Document date"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2024-03-05", "autocomplete": "off"}),
    )
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, folders: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctype"].choices = doctype_choices()  # type: ignore[attr-defined]
        self.fields["folder"].choices = [(str(pk), path) for pk, path in folders]  # type: ignore[attr-defined]

    def changes(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["folder"] = int(data["folder"])
        return data


class NamingRuleForm(forms.Form):
    doctype = forms.ChoiceField(label=_("For files of type"), required=False)
    rule = forms.CharField(
        label=_("Naming rule"),
        max_length=200,
        help_text=_(
            "Placeholders: {customer} {project} {doctype} {date:%Y%m%d} {version} "
            "{original} {seq:03d}"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctype"].choices = doctype_choices(str(_("Every type (default)")))  # type: ignore[attr-defined]


class ClassificationRuleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, required=False)
    pattern = forms.CharField(
        label=_("Words or pattern"),
        max_length=200,
        help_text=_("A word such as 合同, or with “regular expression” ticked e.g. 合同|协议."),
    )
    regex = forms.BooleanField(label=_("Regular expression"), required=False)
    where = forms.ChoiceField(
        label=_("Look in"),
        choices=[
            ("filename", _("the file name")),
            ("content", _("the text of the file")),
            ("any", _("either")),
        ],
        initial="filename",
    )
    doctype = forms.ChoiceField(label=_("Then the type is"), required=False)
    folder = forms.CharField(label=_("and the folder"), max_length=100, required=False)
    tags = forms.CharField(label=_("and the tags"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doctype"].choices = doctype_choices("—")  # type: ignore[attr-defined]

    def rule(self) -> Rule:
        data = self.cleaned_data
        return Rule(
            pattern=data["pattern"].strip(),
            where=data["where"],
            regex=data["regex"],
            doctype=data.get("doctype") or None,
            folder=data.get("folder") or None,
            tags=tuple(
                t.strip()
                for t in (data.get("tags") or "").replace("，", ",").split(",")
                if t.strip()
            ),
            name=data.get("name") or "",
        )
