"""Admins' rules for customer files: naming templates, classification rules, default folders."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from dossier.access.policy import require, require_write
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotFound
from dossier.documents import naming
from dossier.documents.classify import BadRule, Rule, check_rule
from dossier.documents.domain import DOCTYPES, clean_folder_name
from dossier.documents.models import ClassificationRule, FolderTemplate, NamingRule


def _admin(actor: Actor) -> None:
    require(actor, "settings.manage")
    require_write(actor)


def set_naming_rule(actor: Actor, doctype: str, rule: str) -> NamingRule:
    """The naming template of one document type ("" for the default of every type)."""
    _admin(actor)
    if doctype and doctype not in DOCTYPES:
        raise Invalid.single("doctype", _("Unknown document type “%(t)s”.") % {"t": doctype})
    try:
        naming.check_rule(rule)
    except naming.BadRule as bad:
        raise Invalid.single("rule", _("Naming rule: %(why)s") % {"why": bad.message}) from None
    row, _created = NamingRule.objects.update_or_create(
        doctype=doctype, defaults={"rule": rule.strip(), "updated_at": clock.now()}
    )
    record(
        actor,
        "naming_rule.saved",
        object_type="naming_rule",
        object_id=row.pk,
        summary=f"{doctype or '*'}: {rule}",
    )
    return row


def delete_naming_rule(actor: Actor, doctype: str) -> None:
    _admin(actor)
    deleted, _rows = NamingRule.objects.filter(doctype=doctype).delete()
    if not deleted:
        raise NotFound(_("There is no naming rule for this type."))
    record(actor, "naming_rule.deleted", object_type="naming_rule", object_id=doctype or "*")


def add_classification_rule(actor: Actor, rule: Rule) -> ClassificationRule:
    _admin(actor)
    try:
        check_rule(rule)
    except BadRule as bad:
        raise Invalid.single("pattern", bad.message) from None
    if rule.doctype and rule.doctype not in DOCTYPES:
        raise Invalid.single("doctype", _("Unknown document type “%(t)s”.") % {"t": rule.doctype})
    last = (
        ClassificationRule.objects.order_by("-position").values_list("position", flat=True).first()
    )
    row = ClassificationRule.objects.create(
        name=rule.name or rule.pattern,
        pattern=rule.pattern,
        where=rule.where,
        regex=rule.regex,
        doctype=rule.doctype or "",
        folder=clean_folder_name(rule.folder) if rule.folder else "",
        tags=list(rule.tags),
        position=(last or 0) + 1,
    )
    record(
        actor,
        "classification_rule.added",
        object_type="classification_rule",
        object_id=row.pk,
        summary=row.name,
    )
    return row


def delete_classification_rule(actor: Actor, rule_id: int) -> None:
    _admin(actor)
    deleted, _rows = ClassificationRule.objects.filter(pk=rule_id).delete()
    if not deleted:
        raise NotFound(_("There is no rule %(id)s.") % {"id": rule_id})
    record(
        actor, "classification_rule.deleted", object_type="classification_rule", object_id=rule_id
    )


def set_default_folders(
    actor: Actor, names: Sequence[str], *, category_id: int | None = None
) -> FolderTemplate:
    """The folders new customers (of a category, or of every category) start with."""
    _admin(actor)
    try:
        cleaned = list(dict.fromkeys(clean_folder_name(n) for n in names if n.strip()))
    except ValueError as bad:
        raise Invalid.single("folders", str(bad)) from None
    if not cleaned:
        raise Invalid.single("folders", _("Name at least one folder."))
    rows = FolderTemplate.objects.filter(
        **({"category_id": category_id} if category_id else {"category__isnull": True})
    )
    row = rows.first() or FolderTemplate(category_id=category_id)
    row.folders = cleaned
    row.save()
    record(
        actor,
        "folders.default_set",
        object_type="folder_template",
        object_id=row.pk,
        summary=", ".join(cleaned),
    )
    return row
