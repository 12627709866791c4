"""Folders of a customer's file tree: the default tree, creating, renaming and moving."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _

from dossier.access.policy import has_perm, require_write
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotFound, PermissionDenied
from dossier.customers.models import Customer
from dossier.customers.services.children import customer_for
from dossier.documents import selectors
from dossier.documents.domain import MAX_FOLDER_DEPTH, clean_folder_name, split_path
from dossier.documents.models import Folder


def ensure_tree(customer: Customer) -> None:
    """Create the default folders the first time a customer's files are written to."""
    if Folder.objects.filter(customer=customer).exists():
        return
    now = clock.now()
    names = selectors.default_folder_names(customer.category_id)
    Folder.objects.bulk_create(
        [
            Folder(customer=customer, name=name, position=number, created_at=now)
            for number, name in enumerate(names)
        ]
    )


def _cleaned(raw: str) -> str:
    try:
        return clean_folder_name(raw)
    except ValueError as bad:
        raise Invalid.single("folder", _("Folder name: %(why)s.") % {"why": bad}) from None


def resolve(customer: Customer, wanted: object, *, create: bool = False) -> Folder:
    """A folder of this customer given by id, by name or by path (`合同/2024`)."""
    ensure_tree(customer)
    if isinstance(wanted, int) or (isinstance(wanted, str) and wanted.isdigit()):
        found = Folder.objects.filter(customer=customer, pk=int(wanted)).first()
        if found is None:
            raise Invalid.single("folder", _("There is no folder %(id)s here.") % {"id": wanted})
        return found
    try:
        parts = split_path(str(wanted))
    except ValueError as bad:
        raise Invalid.single("folder", _("Folder name: %(why)s.") % {"why": bad}) from None
    if not parts or len(parts) > MAX_FOLDER_DEPTH:
        raise Invalid.single("folder", _("Name a folder, at most 6 levels deep."))
    parent: Folder | None = None
    for part in parts:
        parent = _child(customer, parent, part, create=create)
    return cast(Folder, parent)


def _child(customer: Customer, parent: Folder | None, name: str, *, create: bool) -> Folder:
    found = Folder.objects.filter(customer=customer, parent=parent, name=name).first()
    if found is None and not create:
        raise Invalid.single("folder", _("There is no folder “%(name)s”.") % {"name": name})
    return found or Folder.objects.create(
        customer=customer, parent=parent, name=name, created_at=clock.now(), position=99
    )


def _changeable(actor: Actor, customer_id: int) -> Customer:
    require_write(actor)
    customer = customer_for(actor, customer_id, permission="document.view")
    if not has_perm(actor, "document.change"):
        raise PermissionDenied(_("You may not change this customer's folders."))
    return customer


def create_folder(
    actor: Actor, customer_id: int, name: str, parent_id: int | None = None
) -> Folder:
    customer = _changeable(actor, customer_id)
    ensure_tree(customer)
    parent = resolve(customer, parent_id) if parent_id else None
    cleaned = _cleaned(name)
    if Folder.objects.filter(customer=customer, parent=parent, name=cleaned).exists():
        raise Invalid.single(
            "name", _("There is a folder “%(name)s” here already.") % {"name": cleaned}
        )
    folder = Folder.objects.create(
        customer=customer, parent=parent, name=cleaned, position=99, created_at=clock.now()
    )
    record(actor, "folder.created", object_type="customer", object_id=customer.pk, summary=cleaned)
    return folder


def _folder(customer: Customer, folder_id: int) -> Folder:
    found = Folder.objects.filter(customer=customer, pk=folder_id).first()
    if found is None:
        raise NotFound(_("There is no folder %(id)s.") % {"id": folder_id})
    return found


def rename_folder(actor: Actor, customer_id: int, folder_id: int, name: str) -> Folder:
    customer = _changeable(actor, customer_id)
    folder = _folder(customer, folder_id)
    cleaned = _cleaned(name)
    clash = Folder.objects.filter(customer=customer, parent=folder.parent, name=cleaned)
    if clash.exclude(pk=folder.pk).exists():
        raise Invalid.single(
            "name", _("There is a folder “%(name)s” here already.") % {"name": cleaned}
        )
    before, folder.name = folder.name, cleaned
    folder.save(update_fields=["name"])
    record(
        actor,
        "folder.renamed",
        object_type="customer",
        object_id=customer.pk,
        summary=cleaned,
        changes={"name": [before, cleaned]},
    )
    return folder


def move_folder(actor: Actor, customer_id: int, folder_id: int, parent_id: int | None) -> Folder:
    customer = _changeable(actor, customer_id)
    folder = _folder(customer, folder_id)
    parent = _folder(customer, parent_id) if parent_id else None
    ancestor, depth = parent, 1
    while ancestor is not None:
        if ancestor.pk == folder.pk:
            raise Invalid.single("parent", _("A folder cannot move into itself."))
        ancestor, depth = ancestor.parent, depth + 1
    if depth > MAX_FOLDER_DEPTH:
        raise Invalid.single("parent", _("Folders go at most 6 levels deep."))
    if (
        Folder.objects.filter(customer=customer, parent=parent, name=folder.name)
        .exclude(pk=folder.pk)
        .exists()
    ):
        raise Invalid.single(
            "parent", _("There is a folder “%(name)s” there already.") % {"name": folder.name}
        )
    folder.parent = parent
    folder.save(update_fields=["parent"])
    record(
        actor, "folder.moved", object_type="customer", object_id=customer.pk, summary=folder.name
    )
    return folder


def delete_folder(actor: Actor, customer_id: int, folder_id: int) -> None:
    """Only an empty folder goes: files are never deleted as a side effect."""
    customer = _changeable(actor, customer_id)
    folder = _folder(customer, folder_id)
    if folder.documents.exists() or folder.children.exists():
        raise Invalid.single(
            "folder", _("Only an empty folder can be deleted; move its files first.")
        )
    name = folder.name
    folder.delete()
    record(actor, "folder.deleted", object_type="customer", object_id=customer.pk, summary=name)
