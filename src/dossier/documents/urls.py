from django.urls import path

from dossier.documents.views import files, folders, listing, settings

app_name = "documents"
urlpatterns = [
    path("files/", listing.documents, name="list"),
    path("files/bulk/", listing.bulk, name="bulk"),
    path("files/trash/", files.documents_trash, name="trash"),
    path("files/<int:document_id>/", files.document_page, name="document"),
    path("files/<int:document_id>/versions/", files.new_version, name="new-version"),
    path("files/<int:document_id>/v<int:number>/view/", files.inline, name="inline"),
    path("files/<int:document_id>/v<int:number>/download/", files.download, name="download"),
    path("files/<int:document_id>/v<int:number>/current/", files.make_current, name="make-current"),
    path("files/<int:document_id>/confirm/", files.confirm, name="confirm"),
    path("files/<int:document_id>/delete/", files.delete, name="delete"),
    path("files/<int:document_id>/restore/", files.restore, name="restore"),
    path("customers/<int:customer_id>/files/", files.customer_files, name="customer-files"),
    path("customers/<int:customer_id>/files/upload/", files.upload, name="upload"),
    path("customers/<int:customer_id>/folders/", folders.create_folder, name="create-folder"),
    path(
        "customers/<int:customer_id>/folders/<int:folder_id>/rename/",
        folders.rename_folder,
        name="rename-folder",
    ),
    path(
        "customers/<int:customer_id>/folders/<int:folder_id>/delete/",
        folders.delete_folder,
        name="delete-folder",
    ),
    path("settings/naming/", settings.naming_rules, name="naming-rules"),
    path("settings/naming/apply/", settings.apply_naming, name="apply-naming"),
    path(
        "settings/naming/<slug:doctype>/delete/", settings.delete_naming_rule, name="delete-naming"
    ),
    path("settings/classification/", settings.classification_rules, name="classification-rules"),
    path(
        "settings/classification/<int:rule_id>/delete/",
        settings.delete_classification_rule,
        name="delete-classification-rule",
    ),
]
