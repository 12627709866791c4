"""Every write to customer files: folders, uploads and versions, naming, classification."""

from dossier.documents.services.files import (
    BULK_ACTIONS,
    Details,
    Upload,
    add_version,
    bulk_documents,
    delete_document,
    make_current,
    purge_document,
    reapply_naming,
    restore_document,
    update_document,
    upload_document,
    upload_documents,
)
from dossier.documents.services.folders import (
    create_folder,
    delete_folder,
    move_folder,
    rename_folder,
)
from dossier.documents.services.learning import confirm
from dossier.documents.services.rules import (
    add_classification_rule,
    delete_classification_rule,
    delete_naming_rule,
    set_default_folders,
    set_naming_rule,
)
from dossier.documents.services.text import store_text

__all__ = [
    "BULK_ACTIONS",
    "Details",
    "Upload",
    "add_classification_rule",
    "add_version",
    "bulk_documents",
    "confirm",
    "create_folder",
    "delete_classification_rule",
    "delete_document",
    "delete_folder",
    "delete_naming_rule",
    "make_current",
    "move_folder",
    "purge_document",
    "reapply_naming",
    "rename_folder",
    "restore_document",
    "set_default_folders",
    "set_naming_rule",
    "store_text",
    "update_document",
    "upload_document",
    "upload_documents",
]
