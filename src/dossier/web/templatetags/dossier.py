"""Template filters every page may use: `{% load dossier %}`."""

from __future__ import annotations

from django import template

from dossier.core.values import shown_phone

register = template.Library()


@register.filter
def phone(value: object) -> str:
    """A stored E.164 number in the form people read (national for Chinese numbers)."""
    return shown_phone(str(value)) if value else ""
