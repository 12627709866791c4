"""Typed errors as HTML pages (or fragments for htmx), and Django's own error views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dossier.core.errors import DossierError, NotFound, PermissionDenied


def error_response(request: HttpRequest, error: DossierError) -> HttpResponse:
    template = "web/_error.html" if getattr(request, "htmx", False) else "web/error.html"
    return render(request, template, {"error": error}, status=error.status)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, NotFound(_("There is nothing at this address.")))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, PermissionDenied(_("You may not open this page.")))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, DossierError(_("The request could not be understood.")))


def server_error(request: HttpRequest) -> HttpResponse:
    error = DossierError(
        _("Something went wrong on our side. It has been logged."), code="server_error"
    )
    error.status = 500
    return render(request, "web/error.html", {"error": error}, status=500)
