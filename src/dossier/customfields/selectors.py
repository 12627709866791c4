"""Reading templates: the field specs every form, API call and import is checked against."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from dossier.core.errors import NotFound
from dossier.customfields.domain import FieldSpec, FieldType
from dossier.customfields.models import FieldDefinition, Template


def template(code: str) -> Template:
    found = Template.objects.filter(code=code).first()
    if found is None:
        raise NotFound(f"There is no template {code!r}.")
    return found


def definitions(code: str, *, include_retired: bool = False) -> QuerySet[FieldDefinition]:
    rows = FieldDefinition.objects.filter(template__code=code)
    return rows if include_retired else rows.filter(retired_at=None)


def label_of(definition: FieldDefinition) -> str:
    english = (get_language() or "").startswith("en")
    return definition.label_en if english and definition.label_en else definition.label


def spec_of(definition: FieldDefinition) -> FieldSpec:
    return FieldSpec(
        key=definition.key,
        label=label_of(definition),
        field_type=FieldType(definition.field_type),
        required=definition.required,
        unique=definition.unique,
        sensitive=definition.sensitive,
        is_system=definition.is_system,
        options=tuple(definition.options or ()),
        rules=definition.rules or {},
        retired=definition.retired_at is not None,
    )


def specs(code: str, *, include_retired: bool = False) -> list[FieldSpec]:
    return [spec_of(d) for d in definitions(code, include_retired=include_retired)]


def overview() -> QuerySet[Template]:
    """Every template with how many live and retired fields it has."""
    return Template.objects.annotate(
        live=Count("fields", filter=Q(fields__retired_at=None)),
        retired=Count("fields", filter=Q(fields__retired_at__isnull=False)),
    ).order_by("id")
