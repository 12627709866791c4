"""API shapes of customer files, their versions and folders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from dossier.api_schemas import PageOut, StrictIn
from dossier.documents.models import Document, DocumentVersion


class VersionOut(Schema):
    number: int
    size: int
    media_type: str
    original_name: str
    comment: str
    sha256: str
    created_by: str | None
    created_at: datetime

    @staticmethod
    def resolve_sha256(version: DocumentVersion) -> str:
        return version.blob_id

    @staticmethod
    def resolve_created_by(version: DocumentVersion) -> str | None:
        return version.created_by.username if version.created_by else None


class DocumentOut(Schema):
    id: int
    customer: int
    folder: str
    folder_id: int
    name: str
    title: str
    doctype: str
    project: str
    document_date: date | None
    tags: list[str]
    metadata: dict[str, Any]
    current: int
    size: int
    media_type: str
    text_status: str
    suggestion: dict[str, Any]
    confirmed: bool
    created_by: str | None
    version: int
    created_at: datetime
    updated_at: datetime
    deleted: bool
    versions: list[VersionOut]

    @staticmethod
    def resolve_customer(document: Document) -> int:
        return document.customer_id

    @staticmethod
    def resolve_folder(document: Document) -> str:
        return document.folder.name

    @staticmethod
    def resolve_tags(document: Document) -> list[str]:
        return sorted(tag.name for tag in document.tags.all())

    @staticmethod
    def resolve_created_by(document: Document) -> str | None:
        return document.created_by.username if document.created_by else None

    @staticmethod
    def resolve_deleted(document: Document) -> bool:
        return document.deleted_at is not None

    @staticmethod
    def resolve_versions(document: Document) -> list[DocumentVersion]:
        return list(document.versions.all())


class DocumentPage(PageOut):
    items: list[DocumentOut]


class DocumentPatch(StrictIn):
    title: str | None = None
    doctype: str | None = None
    project: str | None = None
    document_date: str | None = None
    tags: list[str] | None = None
    folder: str | int | None = None
    name: str | None = None
    metadata: dict[str, str] | None = None
    version: int | None = None


class MakeCurrentIn(StrictIn):
    version: int | None = None


class BulkDocumentsIn(StrictIn):
    ids: list[int]
    action: str
    value: str


class FolderOut(Schema):
    id: int
    name: str
    parent: int | None
    file_count: int = 0

    @staticmethod
    def resolve_parent(folder: Any) -> int | None:
        return folder.parent_id


class FolderIn(StrictIn):
    name: str
    parent: int | None = None
