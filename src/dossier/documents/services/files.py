"""Uploading files and new versions, naming them, and changing what is known about them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dossier.access.policy import has_perm, require, require_write
from dossier.audit.domain import diff
from dossier.audit.services import record, track
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, Invalid, NotFound, PermissionDenied, TooLarge
from dossier.core.values import BadValue, normalize_text, parse_date
from dossier.customers.domain import MAX_TAGS, split_tags
from dossier.customers.models import Customer, Tag
from dossier.customers.services.children import customer_for
from dossier.documents import naming, selectors
from dossier.documents.domain import DOCTYPES, doctype_of, folder_for_doctype
from dossier.documents.models import Document, DocumentTag, DocumentVersion, Folder
from dossier.documents.services import folders, learning, storing
from dossier.infra.jobs.services import enqueue
from dossier.infra.storage.interface import BlobRef, Readable


@dataclass
class Upload:
    """A file on its way in: any binary stream and the name it had on the user's disk."""

    stream: Readable
    filename: str


@dataclass
class Details:
    """What the uploader says about a file; what is missing, classification suggests."""

    folder: object = None
    doctype: str | None = None
    project: str = ""
    document_date: date | None = None
    title: str = ""
    tags: list[str] = field(default_factory=list)
    comment: str = ""
    create_folder: bool = False  # make a named folder that is missing (folder imports)


def _original(filename: str) -> str:
    name = normalize_text(filename.replace("\\", "/").rsplit("/", 1)[-1])
    if not name:
        raise Invalid.single("file", _("The file has no name."))
    return name[:255]


def snapshot(document: Document) -> dict[str, object]:
    return {
        "name": document.name,
        "title": document.title,
        "doctype": document.doctype,
        "project": document.project,
        "document_date": document.document_date.isoformat() if document.document_date else None,
        "folder": document.folder.name,
        "tags": sorted(t.name for t in document.tags.all()),
        "current": document.current,
        "deleted": document.deleted_at is not None,
    }


def _doctype(raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    code = doctype_of(str(raw))
    if code is None:
        choices = ", ".join(f"{code} ({names[0]})" for code, names in DOCTYPES.items())
        raise Invalid.single(
            "doctype",
            _("Unknown document type “%(t)s”; choose one of %(c)s.") % {"t": raw, "c": choices},
        )
    return code


def _set_tags(document: Document, names: Sequence[str]) -> None:
    if len(names) > MAX_TAGS:
        raise Invalid.single("tags", _("At most %(n)s tags.") % {"n": MAX_TAGS})
    wanted = [
        Tag.objects.filter(name__iexact=n).first() or Tag.objects.create(name=n[:40]) for n in names
    ]
    DocumentTag.objects.filter(document=document).exclude(tag__in=wanted).delete()
    have = set(DocumentTag.objects.filter(document=document).values_list("tag_id", flat=True))
    DocumentTag.objects.bulk_create(
        [DocumentTag(document=document, tag=t) for t in wanted if t.pk not in have]
    )


def file_name(customer: Customer, document: Document, folder: Folder, original: str) -> str:
    """The name the naming rule gives, unique in the folder."""
    rules = selectors.naming_rules()
    rule = rules.get(document.doctype) or rules.get("") or naming.DEFAULT_RULE
    taken_rows = Document.objects.filter(folder=folder, deleted_at__isnull=True)
    if document.pk:
        taken_rows = taken_rows.exclude(pk=document.pk)
    taken = set(taken_rows.values_list("name", flat=True))
    context = naming.NamingContext(
        customer=customer.name,
        project=document.project,
        doctype=DOCTYPES.get(document.doctype, DOCTYPES["other"])[0],
        date=document.document_date or clock.now().date(),
        version=document.current,
        original=original,
        seq=len(taken) + 1,
    )
    return naming.unique(naming.render(rule, context), taken)


def _writable_customer(actor: Actor, customer_id: int, permission: str) -> Customer:
    require_write(actor)
    return customer_for(actor, customer_id, permission=permission)


def upload_document(
    actor: Actor, customer_id: int, upload: Upload, details: Details | None = None
) -> Document:
    customer = _writable_customer(actor, customer_id, "document.add")
    details = details or Details()
    original = _original(upload.filename)
    doctype = _doctype(details.doctype)
    ref, media_type = storing.store(upload.stream, upload.filename)
    suggestion = learning.suggest_for(filename=original, text="") if doctype is None else None
    doctype = doctype or (suggestion.doctype if suggestion and suggestion.doctype else "other")
    # A folder the uploader names must exist; one a rule or the type picks is made if missing.
    folder = (
        folders.resolve(customer, details.folder, create=details.create_folder)
        if details.folder
        else folders.resolve(
            customer,
            (suggestion.folder if suggestion else None) or folder_for_doctype(doctype),
            create=True,
        )
    )
    now = clock.now()
    document = Document(
        customer=customer,
        folder=folder,
        doctype=doctype,
        project=normalize_text(details.project)[:200],
        document_date=details.document_date,
        title=normalize_text(details.title)[:200],
        size=ref.size,
        media_type=media_type,
        suggestion=learning.as_json(suggestion),
        confirmed=details.doctype not in (None, ""),  # the uploader decided the type
        created_by_id=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    document.name = file_name(customer, document, folder, original)
    document.save()
    _add_version(actor, document, ref, media_type, original, details.comment)
    tags = split_tags(details.tags) + (list(suggestion.tags) if suggestion else [])
    _set_tags(document, split_tags(tags))
    track(
        actor,
        "created",
        object_type="document",
        object_id=document.pk,
        version=1,
        changes=diff({}, {**snapshot(document), "original": original}),
        summary=document.name,
    )
    return document


@dataclass
class Batch:
    """What a multi-file upload did: the files stored, and each refused one with the reason."""

    stored: list[Document] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def upload_documents(
    actor: Actor, customer_id: int, uploads: Sequence[Upload], details: Details | None = None
) -> Batch:
    """Upload many files; a bad one is refused with its reason and the others still go in.
    Each file is its own savepoint, so a refused one leaves nothing behind."""
    batch = Batch()
    for upload in uploads:
        try:
            with transaction.atomic():
                batch.stored.append(upload_document(actor, customer_id, upload, details))
        except (Invalid, TooLarge) as error:
            message = (
                "; ".join(p.message for p in error.errors)
                if isinstance(error, Invalid)
                else error.message
            )
            batch.refused.append((upload.filename, message))
    return batch


def _add_version(
    actor: Actor, document: Document, ref: BlobRef, media_type: str, original: str, comment: str
) -> DocumentVersion:
    version = DocumentVersion.objects.create(
        document=document,
        number=document.current,
        blob_id=ref.sha256,
        size=ref.size,
        media_type=media_type,
        original_name=original,
        comment=normalize_text(comment)[:500],
        created_by_id=actor.user_id,
        created_at=clock.now(),
    )
    enqueue(
        "documents.extract_text",
        {"document": document.pk, "number": version.number},
        dedupe_key=f"extract:{document.pk}:{version.number}",
    )
    return version


def _for_change(
    actor: Actor, document_id: int, permission: str, *, deleted: bool = False
) -> Document:
    require_write(actor)
    visible = selectors.trash(actor) if deleted else selectors.readable(actor)
    if not visible.filter(pk=document_id).exists():
        raise NotFound(_("There is no file %(id)s.") % {"id": document_id})
    if not has_perm(actor, permission):
        raise PermissionDenied(_("You may not change this file."))
    return (
        Document.objects.select_for_update(of=("self",))
        .select_related("customer", "folder")
        .get(pk=document_id)
    )


def _check_version(document: Document, expected: int | None) -> None:
    if expected is not None and expected != document.version:
        raise Conflict(
            _("Someone changed this file after you opened it (now version %(v)s).")
            % {"v": document.version},
            field="version",
            details={"current_version": document.version},
        )


def _save(actor: Actor, document: Document, before: dict[str, object], action: str) -> Document:
    document.version += 1
    document.updated_at = clock.now()
    document.save()
    track(
        actor,
        action,
        object_type="document",
        object_id=document.pk,
        version=document.version,
        changes=diff(before, snapshot(document)),
        summary=document.name,
    )
    return document


def add_version(
    actor: Actor,
    document_id: int,
    upload: Upload,
    *,
    comment: str = "",
    expected_version: int | None = None,
) -> Document:
    document = _for_change(actor, document_id, "document.change")
    _check_version(document, expected_version)
    original = _original(upload.filename)
    ref, media_type = storing.store(upload.stream, upload.filename)
    before = snapshot(document)
    document.current = (
        document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    document.size, document.media_type, document.text_status = ref.size, media_type, "pending"
    _add_version(actor, document, ref, media_type, original, comment)
    return _save(actor, document, before, "updated")


def make_current(
    actor: Actor, document_id: int, number: int, *, expected_version: int | None = None
) -> Document:
    """An older version becomes the current one again; nothing is deleted."""
    document = _for_change(actor, document_id, "document.change")
    _check_version(document, expected_version)
    version = document.versions.filter(number=number).first()
    if version is None:
        raise Invalid.single("number", _("This file has no version %(n)s.") % {"n": number})
    before = snapshot(document)
    document.current, document.size, document.media_type = number, version.size, version.media_type
    document.text_status = "pending"
    enqueue(
        "documents.extract_text",
        {"document": document.pk, "number": number},
        dedupe_key=f"extract:{document.pk}:{number}:current",
    )
    return _save(actor, document, before, "reverted")


CHANGEABLE = ("title", "doctype", "project", "document_date", "tags", "folder", "name", "metadata")


def _changes(document: Document, changes: Mapping[str, Any]) -> None:
    unknown = sorted(set(changes) - set(CHANGEABLE))
    if unknown:
        raise Invalid.single(unknown[0], _("There is no such field."), "unknown_field")
    if "doctype" in changes:
        document.doctype = _doctype(changes["doctype"]) or "other"
    for key in ("title", "project"):
        if key in changes:
            setattr(document, key, normalize_text(str(changes[key] or ""))[:200])
    if "document_date" in changes:
        raw = changes["document_date"]
        try:
            document.document_date = parse_date(str(raw)) if raw not in (None, "") else None
        except BadValue:
            raise Invalid.single("document_date", _("Write a date such as 2024-03-05.")) from None
    if "metadata" in changes:
        if not isinstance(changes["metadata"], Mapping):
            raise Invalid.single("metadata", _("Expected an object."))
        document.metadata = {str(k)[:64]: str(v)[:500] for k, v in changes["metadata"].items()}
    if "folder" in changes:
        document.folder = folders.resolve(document.customer, changes["folder"])


def update_document(
    actor: Actor, document_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> Document:
    document = _for_change(actor, document_id, "document.change")
    _check_version(document, expected_version)
    before = snapshot(document)
    old_folder, old_type = document.folder_id, document.doctype
    _changes(document, changes)
    if "name" in changes:
        wanted = naming.sanitise(str(changes["name"] or ""))
        taken = set(
            Document.objects.filter(folder=document.folder, deleted_at__isnull=True)
            .exclude(pk=document.pk)
            .values_list("name", flat=True)
        )
        if wanted.casefold() in {t.casefold() for t in taken}:
            raise Invalid.single(
                "name", _("There is a file “%(n)s” in this folder already.") % {"n": wanted}
            )
        document.name = wanted
    elif document.folder_id != old_folder:
        taken = set(
            Document.objects.filter(folder=document.folder, deleted_at__isnull=True).values_list(
                "name", flat=True
            )
        )
        document.name = naming.unique(document.name, taken)
    if "tags" in changes:
        _set_tags(document, split_tags(changes["tags"]))
    if document.doctype != old_type or "folder" in changes:
        learning.teach(document)
    return _save(actor, document, before, "updated")


def refile(
    actor: Actor, document: Document, doctype: str, folder: str | None, tags: Sequence[str]
) -> Document:
    """Classification found a better type once the text was read: file it there. Only for
    files nobody has touched (a person's change confirms the file, and is never undone)."""
    before = snapshot(document)
    document.doctype = doctype
    target = folders.resolve(document.customer, folder or folder_for_doctype(doctype), create=True)
    if target.pk != document.folder_id:
        taken = set(
            Document.objects.filter(folder=target, deleted_at__isnull=True).values_list(
                "name", flat=True
            )
        )
        document.folder, document.name = target, naming.unique(document.name, taken)
    if tags:
        _set_tags(document, split_tags([*(t.name for t in document.tags.all()), *tags]))
    return _save(actor, document, before, "updated")


def delete_document(actor: Actor, document_id: int) -> Document:
    document = _for_change(actor, document_id, "document.delete")
    before = snapshot(document)
    document.deleted_at = clock.now()
    return _save(actor, document, before, "deleted")


def restore_document(actor: Actor, document_id: int) -> Document:
    document = _for_change(actor, document_id, "document.delete", deleted=True)
    before = snapshot(document)
    document.deleted_at = None
    taken = set(
        Document.objects.filter(folder=document.folder, deleted_at__isnull=True).values_list(
            "name", flat=True
        )
    )
    document.name = naming.unique(document.name, taken)
    return _save(actor, document, before, "restored")


def purge_document(actor: Actor, document_id: int) -> None:
    """Delete a trashed file for good; its blobs become garbage for `dossier storage gc`."""
    document = _for_change(actor, document_id, "document.delete", deleted=True)
    require(actor, "trash.purge")
    name, pk = document.name, document.pk
    document.delete()
    record(actor, "document.purged", object_type="document", object_id=pk, summary=name)


BULK_ACTIONS = ("add_tag", "remove_tag", "move")


def bulk_documents(actor: Actor, document_ids: Sequence[int], action: str, value: str) -> int:
    if action not in BULK_ACTIONS:
        raise Invalid.single("action", _("Choose one of: %(a)s.") % {"a": ", ".join(BULK_ACTIONS)})
    if not document_ids or len(document_ids) > 1000:
        raise Invalid.single("ids", _("Choose 1 to 1000 files."))
    for document_id in document_ids:
        current = selectors.document(actor, document_id)
        tags = [t.name for t in current.tags.all()]
        options: dict[str, dict[str, Any]] = {
            "add_tag": {"tags": [*tags, value]},
            "remove_tag": {"tags": [t for t in tags if t.casefold() != value.casefold()]},
            "move": {"folder": value},
        }
        update_document(actor, document_id, options[action], expected_version=current.version)
    return len(document_ids)


def reapply_naming(
    actor: Actor, *, doctype: str | None = None, apply: bool = False
) -> list[tuple[int, str, str]]:
    """Re-name files after a naming rule changed: (id, old, new) for each that changes; with
    `apply` the new names are saved. Names are metadata: no file content moves."""
    require(actor, "settings.manage")
    rows = selectors.for_display(selectors.readable(actor)).select_related("customer")
    if doctype:
        rows = rows.filter(doctype=_doctype(doctype))
    changed: list[tuple[int, str, str]] = []
    for document in rows.order_by("folder_id", "created_at", "id").iterator(chunk_size=500):
        version = document.versions.filter(number=document.current).first()
        original = version.original_name if version else document.name
        new = file_name(document.customer, document, document.folder, original)
        if new != document.name:
            changed.append((document.pk, document.name, new))
            if apply:
                update_document(
                    actor, document.pk, {"name": new}, expected_version=document.version
                )
    return changed
