from django.urls import path

from dossier.customers.views import access, history, listing, records

app_name = "customers"
urlpatterns = [
    path("customers/", listing.customer_list, name="list"),
    path("customers/bulk/", listing.bulk, name="bulk"),
    path("customers/views/", listing.save_view, name="save-view"),
    path("customers/views/<int:view_id>/delete/", listing.delete_view, name="delete-view"),
    path("customers/new/", records.new_customer, name="new"),
    path("customers/trash/", history.trash, name="trash"),
    path("customers/<int:customer_id>/", records.detail, name="detail"),
    path("customers/<int:customer_id>/edit/", records.edit_customer, name="edit"),
    path("customers/<int:customer_id>/delete/", records.delete_customer, name="delete"),
    path("customers/<int:customer_id>/contacts/", records.contacts, name="contacts"),
    path("customers/<int:customer_id>/history/", history.history, name="history"),
    path("customers/<int:customer_id>/history/<int:version>/", history.revision, name="revision"),
    path(
        "customers/<int:customer_id>/history/<int:version>/restore/",
        history.revert,
        name="revert",
    ),
    path("customers/<int:customer_id>/access/", access.access, name="access"),
    path(
        "customers/<int:customer_id>/access/<int:share_id>/remove/",
        access.unshare,
        name="unshare",
    ),
    path("customers/<int:customer_id>/restore/", history.restore, name="restore"),
    path("customers/<int:customer_id>/purge/", history.purge, name="purge"),
]
