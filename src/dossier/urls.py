"""Every web page of every app, the JSON API, and language switching."""

from django.urls import include, path

from dossier.api import api

urlpatterns = [
    path("", include("dossier.web.urls")),
    path("", include("dossier.accounts.urls")),
    path("", include("dossier.audit.urls")),
    path("", include("dossier.customers.urls")),
    path("", include("dossier.interactions.urls")),
    path("", include("dossier.sales.urls")),
    path("", include("dossier.customfields.urls")),
    path("", include("dossier.documents.urls")),
    path("", include("dossier.search.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

handler400 = "dossier.web.errors.bad_request"
handler403 = "dossier.web.errors.permission_denied"
handler404 = "dossier.web.errors.page_not_found"
handler500 = "dossier.web.errors.server_error"
