"""Every read of customer files starts from `readable(actor)`: files of customers one may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from dossier.access.policy import has_perm
from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.customers import selectors as customers
from dossier.documents.domain import DEFAULT_FOLDERS
from dossier.documents.models import (
    ClassificationRule,
    ClassifierState,
    Document,
    DocumentVersion,
    Folder,
    FolderTemplate,
    NamingRule,
)


def readable(actor: Actor) -> QuerySet[Document]:
    """The live files the actor may see: the only way to begin a document query."""
    if not has_perm(actor, "document.view"):
        return Document.objects.none()
    return Document.objects.filter(customer__in=customers.readable(actor), deleted_at__isnull=True)


def trash(actor: Actor) -> QuerySet[Document]:
    if not has_perm(actor, "document.view"):
        return Document.objects.none()
    return Document.objects.filter(
        customer__in=customers.readable(actor), deleted_at__isnull=False
    ).order_by("-deleted_at")


def for_display(rows: QuerySet[Document]) -> QuerySet[Document]:
    versions = DocumentVersion.objects.select_related("created_by")
    return rows.select_related("customer", "folder", "created_by").prefetch_related(
        "tags", Prefetch("versions", versions)
    )


def document(actor: Actor, document_id: int, *, include_deleted: bool = False) -> Document:
    rows = readable(actor)
    if include_deleted:
        rows = rows | trash(actor)
    found = for_display(rows).filter(pk=document_id).first()
    if found is None:
        raise NotFound(_("There is no file %(id)s.") % {"id": document_id})
    return found


def versions(actor: Actor, document_id: int) -> QuerySet[DocumentVersion]:
    document(actor, document_id, include_deleted=True)
    return DocumentVersion.objects.filter(document_id=document_id).select_related("created_by")


def version(actor: Actor, document_id: int, number: int | None = None) -> DocumentVersion:
    found = document(actor, document_id)
    wanted = number or found.current
    row = DocumentVersion.objects.filter(document_id=document_id, number=wanted).first()
    if row is None:
        raise NotFound(_("File %(id)s has no version %(n)s.") % {"id": document_id, "n": wanted})
    return row


def folders(actor: Actor, customer_id: int) -> QuerySet[Folder]:
    customers.customer(actor, customer_id)
    return Folder.objects.filter(customer_id=customer_id).annotate(
        file_count=Count("documents", filter=Q(documents__deleted_at__isnull=True))
    )


def folder_paths(folders: list[Folder]) -> list[tuple[int, str]]:
    """Every folder with its path, parents before children, for menus and the tree."""
    by_parent: dict[int | None, list[Folder]] = {}
    for folder in folders:
        by_parent.setdefault(folder.parent_id, []).append(folder)
    rows: list[tuple[int, str]] = []

    def walk(parent: int | None, prefix: str) -> None:
        for folder in by_parent.get(parent, []):
            path = f"{prefix}{folder.name}"
            rows.append((folder.pk, path))
            walk(folder.pk, path + "/")

    walk(None, "")
    return rows


def default_folder_names(category_id: int | None) -> list[str]:
    own = FolderTemplate.objects.filter(category_id=category_id) if category_id else None
    template = (own.first() if own is not None else None) or FolderTemplate.objects.filter(
        category__isnull=True
    ).first()
    return list(template.folders) if template and template.folders else list(DEFAULT_FOLDERS)


@dataclass(frozen=True)
class DocumentFilter:
    q: str | None = None
    customer: int | None = None
    folder: int | None = None
    doctype: str | None = None
    tag: str | None = None
    uploader: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def filtered(actor: Actor, filters: DocumentFilter) -> QuerySet[Document]:
    rows = readable(actor)
    if filters.customer:
        rows = rows.filter(customer_id=filters.customer)
    if filters.folder:
        rows = rows.filter(folder_id=filters.folder)
    if filters.doctype:
        rows = rows.filter(doctype=filters.doctype)
    if filters.tag:
        rows = rows.filter(tags__name=filters.tag)
    if filters.uploader:
        rows = rows.filter(created_by__username=filters.uploader)
    if filters.date_from:
        rows = rows.filter(document_date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(document_date__lte=filters.date_to)
    if filters.q:
        rows = rows.filter(Q(name__icontains=filters.q) | Q(title__icontains=filters.q))
    return rows


def naming_rules() -> dict[str, str]:
    return dict(NamingRule.objects.values_list("doctype", "rule"))


def classification_rules() -> QuerySet[ClassificationRule]:
    return ClassificationRule.objects.filter(active=True)


def classifier_state() -> ClassifierState | None:
    return ClassifierState.objects.first()


def referenced_blobs() -> set[str]:
    """Every blob a version of any document (trash included) points at: what GC must keep."""
    return set(DocumentVersion.objects.values_list("blob_id", flat=True).distinct())
