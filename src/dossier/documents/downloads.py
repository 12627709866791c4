"""A file version as an HTTP answer: streamed from the blob store, never read whole."""

from __future__ import annotations

from django.http import FileResponse

from dossier.documents.domain import PREVIEWABLE
from dossier.documents.models import DocumentVersion
from dossier.infra.storage.services import default_store

BLOCK_SIZE = 1 << 20  # one blob-store chunk per read of a download

# Only these are ever shown inside a page; anything else (HTML, SVG, …) is a download, so an
# uploaded file can never run script in Dossier's origin.
INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def download_response(
    version: DocumentVersion, *, inline: bool, name: str | None = None
) -> FileResponse:
    showable = inline and version.media_type in PREVIEWABLE
    response = FileResponse(
        default_store().open(version.blob_id),
        as_attachment=not showable,
        filename=name or version.original_name,
        content_type=version.media_type or "application/octet-stream",
    )
    # FileResponse reads 4 KiB at a time by default: 262,144 trips through the WSGI server per
    # GiB. One blob-store chunk per read (1 MiB) keeps memory bounded and the server idle.
    response.block_size = BLOCK_SIZE
    response["Content-Length"] = str(version.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    if showable:
        response["Content-Security-Policy"] = INLINE_CSP
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
