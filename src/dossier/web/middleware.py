"""Request-wide rules: the unit of work, security headers, and typed errors as pages."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse

from dossier.accounts.auth import request_actor
from dossier.audit.services import record
from dossier.core.errors import DossierError
from dossier.web.errors import error_response

GetResponse = Callable[[HttpRequest], HttpResponse]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Swagger UI sets style attributes; no script may be inline.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def security_headers(get_response: GetResponse) -> GetResponse:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        return response

    return middleware


def unit_of_work(get_response: GetResponse) -> GetResponse:
    """One write request is one transaction, rolled back when the answer is an error.

    Reads stay outside a transaction so SQLite readers never queue behind the write lock.
    A view that must keep what it wrote before failing (counting a failed login) sets
    `request.keep_writes`; one that answers a failed write with a redirect back to the form
    sets `request.discard_writes`.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method in SAFE_METHODS:
            response = get_response(request)
        else:
            with transaction.atomic():
                response = get_response(request)
                failed = response.status_code >= 400 or getattr(request, "discard_writes", False)
                if failed and not getattr(request, "keep_writes", False):
                    transaction.set_rollback(True)
        if _refused(request, response):
            _record_refusal(request, response)
        return response

    return middleware


def _refused(request: HttpRequest, response: HttpResponse) -> bool:
    """A denied permission, or a write to something the actor may not see: worth a trace."""
    write = request.method not in SAFE_METHODS
    # A view marks a refused grant (an unknown user, a past expiry …) as `request.refusal`.
    refused = getattr(request, "refusal", None) or response.status_code == 403
    if not (refused or (write and response.status_code == 404)):
        return False  # the common case decides without loading the session's user
    user = getattr(request, "user", None)
    return getattr(request, "_dossier_actor", None) is not None or (
        user is not None and user.is_authenticated
    )


def _record_refusal(request: HttpRequest, response: HttpResponse) -> None:
    """Written after the request's own transaction rolled back, so the refusal stays."""
    actor = request_actor(request)
    record(
        actor,
        "access.denied",
        object_type="request",
        object_id=f"{request.method} {request.path}"[:64],
        summary=f"{response.status_code} {request.method} {request.path}"[:200],
        changes={
            "status": response.status_code,
            "method": request.method,
            "path": request.path,
            "reason": str(getattr(request, "refusal", "") or ""),
        },
    )


API_PREFIX = "/api/"
API_FALLBACK = {
    404: ("not_found", "There is no such API endpoint."),
    405: ("method_not_allowed", "This endpoint does not accept that HTTP method."),
}


def api_error_bodies(get_response: GetResponse) -> GetResponse:
    """Answers Django gives before the API sees the request (unknown path, wrong method) get
    the API's error body too, so clients parse one shape everywhere."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        is_json = response.headers.get("Content-Type", "").startswith("application/json")
        if (
            request.path.startswith(API_PREFIX)
            and not is_json
            and response.status_code in API_FALLBACK
        ):
            code, message = API_FALLBACK[response.status_code]
            fallback = JsonResponse(
                {"code": code, "message": message, "field": None}, status=response.status_code
            )
            if "Allow" in response.headers:
                fallback.headers["Allow"] = response.headers["Allow"]
            return fallback
        return response

    return middleware


def dossier_errors(get_response: GetResponse) -> GetResponse:
    def middleware(request: HttpRequest) -> HttpResponse:
        return get_response(request)

    def process_exception(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DossierError):
            return error_response(request, exception)
        return None

    middleware.process_exception = process_exception  # type: ignore[attr-defined]
    return middleware
