"""/api/v1/documents and a customer's folders: upload, versions, download, metadata, trash."""

from __future__ import annotations

import datetime as dt
from datetime import date
from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS
from dossier.core.paging import Page, paginate, parse_sort
from dossier.customers.api import expected_version
from dossier.documents import selectors, services
from dossier.documents.downloads import download_response
from dossier.documents.models import Document, Folder
from dossier.documents.schemas import (
    BulkDocumentsIn,
    DocumentOut,
    DocumentPage,
    DocumentPatch,
    FolderIn,
    FolderOut,
    MakeCurrentIn,
    VersionOut,
)

router = Router(tags=["documents"])
SORTS = ("name", "created_at", "updated_at", "document_date", "size", "id")


class DocumentQuery(Schema):
    q: str | None = None
    customer: int | None = None
    folder: int | None = None
    doctype: str | None = None
    tag: str | None = None
    uploader: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str | None = None
    limit: int = 50
    offset: int = 0


class UploadForm(Schema):
    customer: int
    folder: str | None = None
    doctype: str | None = None
    project: str = ""
    document_date: date | None = None
    title: str = ""
    tags: str = ""
    comment: str = ""


class CustomerUploadForm(Schema):
    folder: str | None = None
    doctype: str | None = None
    project: str = ""
    date: dt.date | None = None  # named as the interface says; `dt.` keeps the type apart
    title: str = ""
    tags: str = ""
    comment: str = ""


def _details(form: UploadForm | CustomerUploadForm, day: date | None) -> services.Details:
    """What an upload's form fields say about the file."""
    return services.Details(
        folder=form.folder or None,
        doctype=form.doctype,
        project=form.project,
        document_date=day,
        title=form.title,
        tags=[form.tags] if form.tags else [],
        comment=form.comment,
    )


@router.get("/documents", response={200: DocumentPage, **ERRORS})
def list_documents(request: HttpRequest, query: Query[DocumentQuery]) -> Page:
    filters = selectors.DocumentFilter(**query.model_dump(exclude={"sort", "limit", "offset"}))
    rows = selectors.for_display(selectors.filtered(request_actor(request), filters))
    order = parse_sort(query.sort, SORTS, default=["-updated_at"])
    return paginate(rows.order_by(*order, "-id"), query.limit, query.offset)


@router.post("/documents", response={201: DocumentOut, **ERRORS})
def upload(
    request: HttpRequest, form: Form[UploadForm], file: File[UploadedFile]
) -> Status[Document]:
    actor = request_actor(request)
    upload = services.Upload(file, file.name or "")
    details = _details(form, form.document_date)
    document = services.upload_document(actor, form.customer, upload, details)
    return Status(201, selectors.document(actor, document.pk))


@router.post("/customers/{customer_id}/documents", response={201: DocumentOut, **ERRORS})
def upload_to_customer(
    request: HttpRequest,
    customer_id: int,
    form: Form[CustomerUploadForm],
    file: File[UploadedFile],
) -> Status[Document]:
    """Upload a file to a customer: named by the naming rule, filed by type or classification."""
    actor = request_actor(request)
    upload = services.Upload(file, file.name or "")
    details = _details(form, form.date)
    document = services.upload_document(actor, customer_id, upload, details)
    return Status(201, selectors.document(actor, document.pk))


@router.post("/documents/bulk", response={200: dict[str, int], **ERRORS})
def bulk(request: HttpRequest, payload: BulkDocumentsIn) -> dict[str, int]:
    changed = services.bulk_documents(
        request_actor(request), payload.ids, payload.action, payload.value
    )
    return {"changed": changed}


@router.get("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def get_document(request: HttpRequest, document_id: int) -> Document:
    return selectors.document(request_actor(request), document_id)


@router.patch("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def patch_document(request: HttpRequest, document_id: int, payload: DocumentPatch) -> Document:
    actor = request_actor(request)
    body = payload.model_dump(exclude_unset=True)
    version = expected_version(request, body)
    services.update_document(actor, document_id, body, expected_version=version)
    return selectors.document(actor, document_id)


@router.delete("/documents/{document_id}", response={200: DocumentOut, **ERRORS})
def delete_document(request: HttpRequest, document_id: int) -> Document:
    actor = request_actor(request)
    services.delete_document(actor, document_id)
    return selectors.document(actor, document_id, include_deleted=True)


@router.post("/documents/{document_id}/restore", response={200: DocumentOut, **ERRORS})
def restore_document(request: HttpRequest, document_id: int) -> Document:
    actor = request_actor(request)
    services.restore_document(actor, document_id)
    return selectors.document(actor, document_id)


@router.post("/documents/{document_id}/confirm", response={200: DocumentOut, **ERRORS})
def confirm(request: HttpRequest, document_id: int) -> Document:
    actor = request_actor(request)
    services.confirm(actor, document_id)
    return selectors.document(actor, document_id)


@router.get("/documents/{document_id}/versions", response={200: list[VersionOut], **ERRORS})
def versions(request: HttpRequest, document_id: int) -> Any:
    return selectors.versions(request_actor(request), document_id)


@router.post("/documents/{document_id}/versions", response={201: DocumentOut, **ERRORS})
def new_version(
    request: HttpRequest, document_id: int, file: File[UploadedFile], comment: Form[str] = ""
) -> Status[Document]:
    actor = request_actor(request)
    version = expected_version(request, {})
    services.add_version(
        actor,
        document_id,
        services.Upload(file, file.name or ""),
        comment=comment,
        expected_version=version,
    )
    return Status(201, selectors.document(actor, document_id))


@router.post(
    "/documents/{document_id}/versions/{number}/restore", response={200: DocumentOut, **ERRORS}
)
def make_current(
    request: HttpRequest, document_id: int, number: int, payload: MakeCurrentIn
) -> Document:
    actor = request_actor(request)
    body = payload.model_dump()
    version = expected_version(request, body)
    services.make_current(actor, document_id, number, expected_version=version)
    return selectors.document(actor, document_id)


@router.get("/documents/{document_id}/download", response={200: None, **ERRORS})
def download(request: HttpRequest, document_id: int, version: int | None = None) -> FileResponse:
    row = selectors.version(request_actor(request), document_id, version)
    return download_response(row, inline=False)


@router.get("/documents/{document_id}/content", response={200: None, **ERRORS})
def content(request: HttpRequest, document_id: int) -> FileResponse:
    """The current version, streamed, under the file's rule-made name."""
    actor = request_actor(request)
    document = selectors.document(actor, document_id)
    return download_response(
        selectors.version(actor, document_id), inline=False, name=document.name
    )


@router.get("/documents/{document_id}/versions/{number}/content", response={200: None, **ERRORS})
def version_content(request: HttpRequest, document_id: int, number: int) -> FileResponse:
    """An older (or the current) version, streamed, under the name it was uploaded with."""
    return download_response(
        selectors.version(request_actor(request), document_id, number), inline=False
    )


@router.get("/customers/{customer_id}/folders", response={200: list[FolderOut], **ERRORS})
def folders(request: HttpRequest, customer_id: int) -> Any:
    return selectors.folders(request_actor(request), customer_id)


@router.post("/customers/{customer_id}/folders", response={201: FolderOut, **ERRORS})
def create_folder(request: HttpRequest, customer_id: int, payload: FolderIn) -> Status[Folder]:
    folder = services.create_folder(
        request_actor(request), customer_id, payload.name, payload.parent
    )
    return Status(201, folder)
