"""Forms of the account pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80,
                           help_text=_("What the token is for, e.g. “nightly export”."))
    read_only = forms.BooleanField(label=_("Read-only"), required=False, initial=True)
    expires_days = forms.IntegerField(label=_("Expires after (days)"), min_value=1,
                                      max_value=3650, required=False, initial=90)


class PasswordForm(forms.Form):
    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput,
                                   max_length=256)
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput,
                                   max_length=256)
    confirm = forms.CharField(label=_("New password again"), widget=forms.PasswordInput,
                              max_length=256)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("new_password") != data.get("confirm"):
            self.add_error("confirm", _("The two new passwords differ."))
        return data
