"""Text extracted from a file's current version: stored for search, attachments filed."""

from __future__ import annotations

import io
import logging

from dossier.core import clock
from dossier.core.actor import Actor
from dossier.documents.extract import Attachment, ExtractionError, extract
from dossier.documents.models import Document, DocumentVersion
from dossier.documents.services import learning
from dossier.documents.services.files import Details, Upload, refile, upload_document
from dossier.infra.events import Changed, publish
from dossier.infra.storage.services import default_store

log = logging.getLogger(__name__)


def store_text(actor: Actor, document_id: int, number: int) -> None:
    """Extract and keep the text of one version, if it is still the current one.

    Idempotent: a job that runs twice stores the same text and files attachments once."""
    document = Document.objects.select_for_update().filter(pk=document_id).first()
    if document is None or document.current != number:
        return  # purged, or a newer version took over: its own job does the work
    version = DocumentVersion.objects.get(document=document, number=number)
    with default_store().open(version.blob_id) as stream:
        try:
            found = extract(stream, filename=version.original_name, media_type=version.media_type)
        except ExtractionError as error:
            log.info("text extraction of document %s failed: %s", document.pk, error.code)
            document.text, document.text_status = "", "failed"
            document.metadata = {**document.metadata, "extraction_error": error.code}
            document.save(update_fields=["text", "text_status", "metadata"])
            return
    document.text, document.text_status = found.text, "done"
    document.metadata = {**document.metadata, **{f"file.{k}": v for k, v in found.meta.items()}}
    suggestion = learning.after_extraction(document)
    document.save(update_fields=["text", "text_status", "metadata", "suggestion", "confirmed"])
    publish(Changed("document", str(document.pk), "document.text_stored"))
    if suggestion is not None and suggestion.doctype and suggestion.doctype != document.doctype:
        refile(actor, document, suggestion.doctype, suggestion.folder, suggestion.tags)
    _file_attachments(actor, document, found.attachments)


def _file_attachments(
    actor: Actor, document: Document, attachments: tuple[Attachment, ...]
) -> None:
    """An e-mail's attachments become files of the same customer, each once."""
    already = set(
        DocumentVersion.objects.filter(document__metadata__attached_to=document.pk).values_list(
            "original_name", flat=True
        )
    )
    for attachment in attachments:
        if attachment.filename in already:
            continue
        child = upload_document(
            actor,
            document.customer_id,
            Upload(io.BytesIO(attachment.content), attachment.filename),
            Details(comment=f"attached to {document.name}"),
        )
        child.metadata = {"attached_to": document.pk, "attached_at": clock.now().isoformat()}
        child.save(update_fields=["metadata"])
