"""A customer's Files tab, uploading, and one file's page with preview and versions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.access.policy import has_perm
from dossier.accounts.auth import request_actor
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, DossierError, Invalid
from dossier.core.values import BadValue, parse_date
from dossier.customers import selectors as customers
from dossier.customers.views.page import customer_page
from dossier.customfields.forms import show_errors
from dossier.documents import selectors, services
from dossier.documents.domain import DOCTYPES, previewable
from dossier.documents.downloads import download_response
from dossier.documents.forms import DocumentForm, UploadForm
from dossier.documents.models import Document


def rights(actor: Actor) -> dict[str, bool]:
    writable = not actor.read_only
    return {
        "may_upload": writable and has_perm(actor, "document.add"),
        "may_edit": writable and has_perm(actor, "document.change"),
        "may_delete": writable and has_perm(actor, "document.delete"),
    }


def _tree(actor: Actor, customer_id: int) -> list[dict[str, Any]]:
    folders = list(selectors.folders(actor, customer_id))
    counts = {f.pk: f.file_count for f in folders}  # type: ignore[attr-defined]
    return [
        {
            "id": pk,
            "path": path,
            "name": path.rsplit("/", 1)[-1],
            "depth": path.count("/"),
            "count": counts.get(pk, 0),
        }
        for pk, path in selectors.folder_paths(folders)
    ]


@login_required
def customer_files(request: HttpRequest, customer_id: int) -> HttpResponse:
    actor = request_actor(request)
    tree = _tree(actor, customer_id)
    if not tree:  # nothing written yet: show the tree the first upload will create
        tree = [
            {"id": None, "path": name, "name": name, "depth": 0, "count": 0}
            for name in selectors.default_folder_names(None)
        ]
    chosen = request.GET.get("folder", "")
    rows = selectors.for_display(selectors.readable(actor).filter(customer_id=customer_id))
    if chosen.isdigit():
        rows = rows.filter(folder_id=int(chosen))
    context = {
        "tree": tree,
        "chosen": chosen,
        "chosen_name": next((f["path"] for f in tree if str(f["id"]) == chosen), ""),
        "documents": rows.order_by("folder__position", "-updated_at")[:200],
        "upload_form": UploadForm(initial={"folder": chosen}),
        **rights(actor),
    }
    return customer_page(request, customer_id, "files", "documents/_files.html", context)


def _details(form: UploadForm, folder: str) -> services.Details:
    data = form.cleaned_data
    raw_date = data.get("document_date") or ""
    try:
        document_date = parse_date(raw_date) if raw_date else None
    except BadValue:
        raise Invalid.single("document_date", _("Write a date such as 2024-03-05.")) from None
    return services.Details(
        folder=folder or None,
        doctype=data.get("doctype") or None,
        project=data.get("project") or "",
        document_date=document_date,
        tags=[data["tags"]] if data.get("tags") else [],
    )


@login_required
@require_POST
def upload(request: HttpRequest, customer_id: int) -> HttpResponse:
    """Files from the form or from drag and drop (one request per file, so each has its
    progress). A script asking for JSON gets JSON; a plain form gets the page back."""
    actor = request_actor(request)
    customers.customer(actor, customer_id)  # 404 before any word about the form
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    form = UploadForm(request.POST)
    files = request.FILES.getlist("files")
    try:
        if not form.is_valid() or not files:
            raise Invalid.single("files", _("Choose at least one file."))
        details = _details(form, form.cleaned_data.get("folder") or "")
        uploads = [services.Upload(f, f.name or "") for f in files]
        batch = services.upload_documents(actor, customer_id, uploads, details)
    except DossierError as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        if wants_json:
            return JsonResponse(error.as_body(), status=error.status)
        messages.error(request, error.message)
        return redirect("documents:customer-files", customer_id)
    refused = [{"file": name, "message": why} for name, why in batch.refused]
    if wants_json:
        stored = [{"id": d.pk, "name": d.name, "folder": d.folder.name} for d in batch.stored]
        if not batch.stored:
            first = refused[0]
            return JsonResponse(
                {
                    "code": "invalid",
                    "message": f"{first['file']}: {first['message']}",
                    "field": "files",
                },
                status=422,
            )
        return JsonResponse({"files": stored, "refused": refused}, status=201)
    if batch.stored:
        messages.success(request, _("Uploaded %(n)s file(s).") % {"n": len(batch.stored)})
    for name, why in batch.refused:
        messages.error(request, f"{name}: {why}")
    return redirect("documents:customer-files", customer_id)


def _document_page(
    request: HttpRequest, document: Document, form: DocumentForm | None = None, status: int = 200
) -> HttpResponse:
    actor = request_actor(request)
    paths = selectors.folder_paths(list(selectors.folders(actor, document.customer_id)))
    form = form or DocumentForm(
        initial={
            "name": document.name,
            "title": document.title,
            "doctype": document.doctype,
            "folder": str(document.folder_id),
            "project": document.project,
            "document_date": document.document_date.isoformat() if document.document_date else "",
            "tags": ", ".join(t.name for t in document.tags.all()),
            "version": document.version,
        },
        folders=paths,
    )
    suggested = document.suggestion or {}
    context = {
        "document": document,
        "form": form,
        "versions": selectors.versions(actor, document.pk),
        "preview": previewable(document.media_type),
        "doctype_name": DOCTYPES.get(document.doctype, DOCTYPES["other"])[0],
        "suggested_name": DOCTYPES.get(suggested.get("doctype") or "", ("",))[0],
        **rights(actor),
    }
    return customer_page(
        request, document.customer_id, "files", "documents/_document.html", context, status
    )


@login_required
def document_page(request: HttpRequest, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    document = selectors.document(actor, document_id, include_deleted=True)
    if request.method != "POST":
        return _document_page(request, document)
    paths = selectors.folder_paths(list(selectors.folders(actor, document.customer_id)))
    form = DocumentForm(request.POST, folders=paths)
    if form.is_valid():
        try:
            services.update_document(
                actor, document_id, form.changes(), expected_version=form.cleaned_data["version"]
            )
        except Invalid as error:
            show_errors(form, error)
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            return redirect("documents:document", document_id)
    return _document_page(request, document, form, status=422)


@login_required
def inline(request: HttpRequest, document_id: int, number: int) -> FileResponse:
    row = selectors.version(request_actor(request), document_id, number)
    return download_response(row, inline=True)


@login_required
def download(request: HttpRequest, document_id: int, number: int) -> FileResponse:
    actor = request_actor(request)
    row = selectors.version(actor, document_id, number)
    document = selectors.document(actor, document_id)
    # The current version downloads under the file's rule-made name; older ones as uploaded.
    name = document.name if number == document.current else row.original_name
    return download_response(row, inline=False, name=name)


@login_required
@require_POST
def new_version(request: HttpRequest, document_id: int) -> HttpResponse:
    selectors.document(request_actor(request), document_id)  # 404 before any word on the form
    upload_file = request.FILES.get("file")
    if upload_file is None:
        messages.error(request, _("Choose the file of the new version."))
        return redirect("documents:document", document_id)
    services.add_version(
        request_actor(request),
        document_id,
        services.Upload(upload_file, upload_file.name or ""),
        comment=request.POST.get("comment", ""),
    )
    messages.success(request, _("Uploaded a new version."))
    return redirect("documents:document", document_id)


@login_required
@require_POST
def make_current(request: HttpRequest, document_id: int, number: int) -> HttpResponse:
    services.make_current(request_actor(request), document_id, number)
    messages.success(request, _("Version %(n)s is the current one again.") % {"n": number})
    return redirect("documents:document", document_id)


@login_required
@require_POST
def confirm(request: HttpRequest, document_id: int) -> HttpResponse:
    services.confirm(request_actor(request), document_id)
    messages.success(request, _("Thanks: files like this one will be recognised better."))
    return redirect("documents:document", document_id)


@login_required
@require_POST
def delete(request: HttpRequest, document_id: int) -> HttpResponse:
    document = services.delete_document(request_actor(request), document_id)
    messages.success(request, _("“%(name)s” is in the trash.") % {"name": document.name})
    return redirect(reverse("documents:customer-files", args=[document.customer_id]))


@login_required
@require_POST
def restore(request: HttpRequest, document_id: int) -> HttpResponse:
    services.restore_document(request_actor(request), document_id)
    messages.success(request, _("The file is back."))
    return redirect("documents:document", document_id)


@login_required
def documents_trash(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = selectors.for_display(selectors.trash(actor))[:200]
    return render(request, "documents/trash.html", {"documents": rows, **rights(actor)})
