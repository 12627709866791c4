"""Creating, renaming and deleting the folders of a customer's file tree."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossier.accounts.auth import request_actor
from dossier.core.errors import Invalid
from dossier.documents import services


def _back(customer_id: int, folder_id: int | None = None) -> HttpResponse:
    url = reverse("documents:customer-files", args=[customer_id])
    return redirect(f"{url}?folder={folder_id}" if folder_id else url)


@login_required
@require_POST
def create_folder(request: HttpRequest, customer_id: int) -> HttpResponse:
    parent = request.POST.get("parent", "")
    try:
        folder = services.create_folder(
            request_actor(request),
            customer_id,
            request.POST.get("name", ""),
            int(parent) if parent.isdigit() else None,
        )
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.errors[0].message)
        return _back(customer_id)
    messages.success(request, _("Added the folder “%(name)s”.") % {"name": folder.name})
    return _back(customer_id, folder.pk)


@login_required
@require_POST
def rename_folder(request: HttpRequest, customer_id: int, folder_id: int) -> HttpResponse:
    try:
        services.rename_folder(
            request_actor(request), customer_id, folder_id, request.POST.get("name", "")
        )
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.errors[0].message)
    return _back(customer_id, folder_id)


@login_required
@require_POST
def delete_folder(request: HttpRequest, customer_id: int, folder_id: int) -> HttpResponse:
    try:
        services.delete_folder(request_actor(request), customer_id, folder_id)
    except Invalid as error:
        request.discard_writes = True  # type: ignore[attr-defined]
        messages.error(request, error.errors[0].message)
        return _back(customer_id, folder_id)
    messages.success(request, _("The folder is deleted."))
    return _back(customer_id)
