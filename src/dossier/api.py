"""The NinjaAPI: mounts every app's router and maps every error to one JSON body."""

from __future__ import annotations

import logging
from typing import Any

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth

from dossier.accounts.api import BearerToken
from dossier.accounts.api import router as accounts_router
from dossier.audit.api import router as audit_router
from dossier.core.errors import DossierError, FieldError, Invalid
from dossier.customers.api import router as customers_router
from dossier.customfields.api import router as templates_router
from dossier.documents.api import router as documents_router
from dossier.interactions.api import router as interactions_router
from dossier.sales.api import router as sales_router
from dossier.search.api import router as search_router

log = logging.getLogger(__name__)

api = NinjaAPI(
    title="Dossier API",
    version="1.0.0",
    description="Customer records and customer files. Conventions: docs/API.md.",
    auth=[BearerToken(), SessionAuth()],
    docs_url="/docs",
)

STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    429: "throttled",
}


def _body(request: HttpRequest, status: int, body: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(DossierError)
def dossier_error(request: HttpRequest, error: DossierError) -> HttpResponse:
    return _body(request, error.status, error.as_body())


def _field_name(location: list[Any]) -> str:
    """`["body", "payload", "team"]` → `team`; `["query", "limit"]` → `limit`."""
    source, *rest = [str(part) for part in location] or ["request"]
    if source == "body" and len(rest) > 1:
        rest = rest[1:]
    return ".".join(rest) or source


def _field_message(error: dict[str, Any]) -> str:
    if error.get("type") == "extra_forbidden":
        return "unknown field"
    if error.get("type") == "json_invalid":
        return "the body is not valid JSON"
    return str(error.get("msg", "invalid value"))


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    problems = [
        FieldError(
            _field_name(list(e.get("loc", []))), _field_message(e), str(e.get("type", "invalid"))
        )
        for e in error.errors
    ]
    invalid = Invalid(problems)
    return _body(request, invalid.status, invalid.as_body())


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return _body(
        request,
        401,
        {
            "code": "not_authenticated",
            "field": None,
            "message": "Sign in, or send an API token as 'Authorization: Bearer TOKEN'.",
        },
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    code = STATUS_CODES.get(error.status_code, "error")
    return _body(request, error.status_code, {"code": code, "message": str(error), "field": None})


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return _body(request, 404, {"code": "not_found", "message": "Not found.", "field": None})


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    log.exception("unhandled API error on %s %s", request.method, request.path)
    return _body(
        request,
        500,
        {
            "code": "server_error",
            "field": None,
            "message": "Something went wrong on our side. It has been logged.",
        },
    )


@api.get("/health", auth=None, tags=["meta"])
def health(request: HttpRequest) -> dict[str, str]:
    """Liveness for load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "database": connection.vendor}


api.add_router("/", accounts_router)
api.add_router("/audit", audit_router)
api.add_router("/", customers_router)
api.add_router("/", interactions_router)
api.add_router("/", sales_router)
api.add_router("/", templates_router)
api.add_router("/", documents_router)
api.add_router("/", search_router)
