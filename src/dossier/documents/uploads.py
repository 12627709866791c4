"""Middleware: the routes that take files stream them straight into the blob store.

The upload handler has to be in place before anything reads the body, and both CSRF (for
session requests) and ninja (before the endpoint runs) read it. `process_view` of a middleware
listed before CsrfViewMiddleware runs after URL resolution and before both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from dossier.documents.extract import HEAD_SIZE
from dossier.infra.storage.services import default_store
from dossier.infra.storage.uploads import BlobUploadHandler

# Route patterns as Django resolves them (`request.resolver_match.route`); a test posts a file
# to each and checks it arrived streamed, so a renamed route cannot silently fall back.
STREAMED_ROUTES = frozenset(
    {
        "api/v1/documents",
        "api/v1/customers/<customer_id>/documents",
        "api/v1/documents/<document_id>/versions",
        "customers/<int:customer_id>/files/upload/",
        "files/<int:document_id>/versions/",
    }
)


def stream_uploads(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        try:
            return get_response(request)
        finally:
            # After the request's transaction: a part the service did not commit (refused,
            # or the request failed) leaves no temporary object behind.
            handler = getattr(request, "_blob_upload_handler", None)
            if handler is not None:
                handler.discard_uncommitted()

    def process_view(request: HttpRequest, *_args: Any) -> None:
        match = request.resolver_match
        if request.method != "POST" or match is None or match.route not in STREAMED_ROUTES:
            return
        handler = BlobUploadHandler(
            request, store=default_store(), limit=settings.MAX_UPLOAD_BYTES, head_size=HEAD_SIZE
        )
        request.upload_handlers = [handler]
        request._blob_upload_handler = handler  # type: ignore[attr-defined]

    middleware.process_view = process_view  # type: ignore[attr-defined]
    return middleware
