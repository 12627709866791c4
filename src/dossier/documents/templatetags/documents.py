"""Template filters of the file pages: `{% load documents %}`."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from dossier.documents.domain import DOCTYPES

register = template.Library()


@register.filter
def file_kind(name: str) -> str:
    """ "PDF", "DOCX" …: what people call a file, from its name's extension."""
    stem, dot, extension = str(name).rpartition(".")
    return extension.upper() if dot and stem and len(extension) <= 10 else ""


@register.filter
def doctype_label(code: str) -> str:
    chinese, english, _folder = DOCTYPES.get(code, DOCTYPES["other"])
    return english if (get_language() or "").startswith("en") else chinese
