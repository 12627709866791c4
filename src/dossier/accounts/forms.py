"""Forms of the account pages, and the names they show for built-in roles."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

# Built-in roles are stored with these English names; pages show them in the user's language
# unless an admin has renamed the role.
ROLE_NAMES: dict[str, str] = {
    "admin": gettext_noop("Administrator"),
    "manager": gettext_noop("Manager"),
    "sales": gettext_noop("Sales"),
    "service": gettext_noop("Service"),
    "viewer": gettext_noop("Viewer"),
}


def role_name(code: str, stored: str = "") -> str:
    """The shown name of a role: translated when built in and not renamed, else as stored."""
    default = ROLE_NAMES.get(code)
    if default is not None and stored in ("", default):
        return gettext(default)
    return stored or code


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_("What the token is for, e.g. “nightly export”.")
    )
    read_only = forms.BooleanField(label=_("Read-only"), required=False, initial=True)
    expires_days = forms.IntegerField(
        label=_("Expires after (days)"), min_value=1, max_value=3650, required=False, initial=90
    )


class PasswordForm(forms.Form):
    old_password = forms.CharField(
        label=_("Current password"), widget=forms.PasswordInput, max_length=256
    )
    new_password = forms.CharField(
        label=_("New password"), widget=forms.PasswordInput, max_length=256
    )
    confirm = forms.CharField(
        label=_("New password again"), widget=forms.PasswordInput, max_length=256
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("confirm"):
            self.add_error("confirm", _("The two new passwords differ."))
        return data
