"""Changing templates (admins) and checking values against them (every record write)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.access.policy import require, require_write
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import FieldError, Invalid, NotFound
from dossier.customfields import selectors
from dossier.customfields.domain import Cleaned, Context, FieldSpec, FieldType, clean_values
from dossier.customfields.messages import describe
from dossier.customfields.models import FieldDefinition, Template

KEY = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
CHANGEABLE = {
    "label",
    "label_en",
    "required",
    "unique",
    "sensitive",
    "options",
    "rules",
    "help_text",
}


def context() -> Context:
    return Context(tz=timezone.get_current_timezone())


def invalid_from(cleaned: Cleaned, specs: list[FieldSpec], prefix: str = "") -> Invalid:
    labels = {spec.key: spec.label for spec in specs}
    return Invalid(
        [
            FieldError(prefix + p.key, describe(p, labels.get(p.key)), p.code)
            for p in cleaned.problems
        ]
    )


def clean(
    code: str, raw: Mapping[str, object], *, partial: bool, prefix: str = ""
) -> dict[str, Any]:
    """The stored form of `raw` under template `code`, or Invalid naming every bad field."""
    specs = selectors.specs(code)
    cleaned = clean_values(specs, raw, context(), partial=partial)
    if cleaned.problems:
        raise invalid_from(cleaned, specs, prefix)
    return cleaned.values


def _bump(template: Template) -> None:
    Template.objects.filter(pk=template.pk).update(version=F("version") + 1)
    template.refresh_from_db(fields=["version"])


def _definition(code: str, key: str) -> FieldDefinition:
    found = selectors.definitions(code, include_retired=True).filter(key=key).first()
    if found is None:
        raise NotFound(_("There is no field “%(key)s”.") % {"key": key})
    return found


def _check_definition(field_type: str, options: list[str], label: str) -> None:
    if field_type not in {t.value for t in FieldType}:
        raise Invalid.single(
            "field_type", _("Unknown field type “%(type)s”.") % {"type": field_type}
        )
    if field_type in {FieldType.CHOICE, FieldType.MULTI_CHOICE} and not options:
        raise Invalid.single("options", _("A choice field needs at least one option."))
    if not label.strip() or len(label) > 80:
        raise Invalid.single("label", _("A label has 1 to 80 characters."))


def add_field(
    actor: Actor,
    code: str,
    *,
    key: str,
    label: str,
    field_type: str,
    label_en: str = "",
    required: bool = False,
    options: list[str] | None = None,
    rules: dict[str, Any] | None = None,
    unique: bool = False,
    sensitive: bool = False,
) -> FieldDefinition:
    require(actor, "settings.manage")
    require_write(actor)
    template = selectors.template(code)
    _check_definition(field_type, options or [], label)
    if not KEY.match(key):
        raise Invalid.single(
            "key", _("A key has 2 to 64 lower-case letters, digits or _, starting with a letter.")
        )
    if selectors.definitions(code, include_retired=True).filter(key=key).exists():
        raise Invalid.single(
            "key",
            _(
                "The key “%(key)s” is used already, perhaps by a retired "
                "field; keys are never reused."
            )
            % {"key": key},
            "taken",
        )
    _bump(template)
    last = selectors.definitions(code, include_retired=True).aggregate(m=Max("position"))["m"]
    definition = FieldDefinition.objects.create(
        template=template,
        key=key,
        label=label.strip(),
        label_en=label_en.strip(),
        field_type=field_type,
        required=required,
        options=options or [],
        rules=rules or {},
        unique=unique,
        sensitive=sensitive,
        position=(last or 0) + 1,
        added_in_version=template.version,
    )
    record(
        actor,
        "template.field_added",
        object_type="template",
        object_id=template.pk,
        summary=f"{code}.{key}",
        changes={"version": template.version, "type": field_type},
    )
    return definition


def change_field(actor: Actor, code: str, key: str, changes: Mapping[str, Any]) -> FieldDefinition:
    """Rename, re-rule or re-option a field. Stored values stay keyed by the unchanged key."""
    require(actor, "settings.manage")
    require_write(actor)
    unknown = set(changes) - CHANGEABLE
    if unknown:
        raise Invalid.single(sorted(unknown)[0], _("This property cannot be changed."))
    definition = _definition(code, key)
    before = {name: getattr(definition, name) for name in changes}
    for name, value in changes.items():
        setattr(definition, name, value)
    _check_definition(definition.field_type, definition.options, definition.label)
    definition.save()
    _bump(definition.template)
    record(
        actor,
        "template.field_changed",
        object_type="template",
        object_id=definition.template_id,
        summary=f"{code}.{key}",
        changes={n: [before[n], changes[n]] for n in changes},
    )
    return definition


def retire_field(actor: Actor, code: str, key: str, *, retired: bool = True) -> FieldDefinition:
    """Hide a field from forms and new input; every value stored under it is kept."""
    require(actor, "settings.manage")
    require_write(actor)
    definition = _definition(code, key)
    if definition.is_system and definition.required:
        raise Invalid.single("key", _("This field is essential and cannot be retired."))
    definition.retired_at = clock.now() if retired else None
    definition.save(update_fields=["retired_at"])
    _bump(definition.template)
    record(
        actor,
        "template.field_retired" if retired else "template.field_reinstated",
        object_type="template",
        object_id=definition.template_id,
        summary=f"{code}.{key}",
    )
    return definition


def reorder_fields(actor: Actor, code: str, keys: list[str]) -> None:
    require(actor, "settings.manage")
    require_write(actor)
    definitions = {d.key: d for d in selectors.definitions(code, include_retired=True)}
    if set(keys) - set(definitions):
        raise Invalid.single(
            "keys",
            _("Unknown field keys: %(keys)s.")
            % {"keys": ", ".join(sorted(set(keys) - set(definitions)))},
        )
    order = keys + [k for k in definitions if k not in keys]
    for position, key in enumerate(order, start=1):
        FieldDefinition.objects.filter(pk=definitions[key].pk).update(position=position)
    template = selectors.template(code)
    _bump(template)
    record(
        actor,
        "template.fields_reordered",
        object_type="template",
        object_id=template.pk,
        summary=code,
        changes={"order": order},
    )
