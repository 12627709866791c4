"""The filter form above the audit trail, and the words the pages use for audit actions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "user.created": _("Created a user"),
    "user.updated": _("Changed a user"),
    "user.enabled": _("Enabled a user"),
    "user.disabled": _("Disabled a user"),
    "user.role_changed": _("Changed a user's role"),
    "user.team_changed": _("Moved a user to another team"),
    "user.password_changed": _("Changed own password"),
    "user.password_reset": _("Reset a user's password"),
    "user.unlocked": _("Unlocked a user's sign-in"),
    "user.logged_in": _("Signed in"),
    "user.logged_out": _("Signed out"),
    "user.login_failed": _("Failed sign-in"),
    "team.created": _("Created a team"),
    "team.managers_changed": _("Changed a team's managers"),
    "token.created": _("Created an API token"),
    "token.revoked": _("Revoked an API token"),
    "template.field_added": _("Added a template field"),
    "template.field_changed": _("Changed a template field"),
    "template.field_retired": _("Retired a template field"),
    "template.field_reinstated": _("Reinstated a template field"),
    "template.fields_reordered": _("Reordered template fields"),
}

# Record writes are audited as `<object type>.<verb>`; these compose a label for any of them.
OBJECT_NAMES: dict[str, Promise] = {
    "customer": _("a customer"),
    "contact": _("a contact"),
    "opportunity": _("an opportunity"),
    "interaction": _("an interaction"),
    "service_record": _("a service record"),
    "document": _("a file"),
    "template": _("a template"),
    "user": _("a user"),
    "team": _("a team"),
    "api_token": _("an API token"),
}
VERBS: dict[str, Promise] = {
    "created": _("Created %(object)s"),
    "updated": _("Changed %(object)s"),
    "deleted": _("Deleted %(object)s"),
    "restored": _("Restored %(object)s"),
    "reverted": _("Reverted %(object)s to an earlier version"),
    "purged": _("Purged %(object)s from the trash"),
}
# Events whose list values are plain lists, not `[before, after]` pairs.
PLAIN_LISTS = frozenset({"team.created"})
CHANNELS: dict[str, Promise] = {
    "web": _("web"),
    "api": _("API"),
    "cli": _("command line"),
    "job": _("background job"),
    "test": _("test"),
}


def action_label(code: str) -> str:
    """A readable phrase for an action code; the code itself when there is none."""
    if code in ACTION_LABELS:
        return str(ACTION_LABELS[code])
    object_type, _dot, verb = code.partition(".")
    if object_type in OBJECT_NAMES and verb in VERBS:
        return str(VERBS[verb]) % {"object": OBJECT_NAMES[object_type]}
    return code


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(_value_text(item) for item in value) or "—"
    return str(value)


def change_lines(action: str, changes: dict[str, Any]) -> list[tuple[str, str]]:
    """Each changed field with its value, or `before → after` for a `[before, after]` pair."""
    paired = action not in PLAIN_LISTS
    lines = []
    for field, value in changes.items():
        if paired and isinstance(value, list) and len(value) == 2:
            before, after = value
            if before is None and action.endswith(".created"):
                lines.append((field, _value_text(after)))
            else:
                lines.append((field, f"{_value_text(before)} → {_value_text(after)}"))
        else:
            lines.append((field, _value_text(value)))
    return lines


def event_rows(events: Iterable[Any]) -> list[dict[str, Any]]:
    """Audit events with what the templates show beside them."""
    return [
        {
            "event": event,
            "label": action_label(event.action),
            "via": str(CHANNELS.get(event.via, event.via)),
            "changes": change_lines(event.action, event.changes or {}),
        }
        for event in events
    ]


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), required=False, max_length=64, widget=forms.Select)
    actor = forms.CharField(label=_("Who"), required=False, max_length=150)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=64)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, actions: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", gettext("All actions"))]
        choices += [(code, f"{action_label(code)} · {code}") for code in actions]
        self.fields["action"].widget.choices = choices
