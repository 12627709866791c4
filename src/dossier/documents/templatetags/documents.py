"""Template filters of the file pages: `{% load documents %}`."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from dossier.documents.domain import DOCTYPES

register = template.Library()


@register.filter
def doctype_label(code: str) -> str:
    chinese, english, _folder = DOCTYPES.get(code, DOCTYPES["other"])
    return english if (get_language() or "").startswith("en") else chinese
