"""Every write to customers and their contacts."""

from dossier.customers.services.contacts import create_contact, delete_contact, update_contact
from dossier.customers.services.records import (
    BULK_ACTIONS,
    bulk_update,
    clean_input,
    create_customer,
    delete_customer,
    note_unmasked_read,
    note_unmasked_rows,
    purge_customer,
    restore_customer,
    revert_customer,
    snapshot,
    update_customer,
)
from dossier.customers.services.shares import share_customer, unshare_customer
from dossier.customers.services.views import delete_view, save_view

__all__ = [
    "BULK_ACTIONS",
    "bulk_update",
    "clean_input",
    "create_contact",
    "create_customer",
    "delete_contact",
    "delete_customer",
    "delete_view",
    "note_unmasked_read",
    "note_unmasked_rows",
    "purge_customer",
    "restore_customer",
    "revert_customer",
    "save_view",
    "share_customer",
    "snapshot",
    "unshare_customer",
    "update_contact",
    "update_customer",
]
