"""Writes of the blob store: the store itself, garbage collection, master-key rotation."""

from dossier.infra.storage.services.blobs import EncryptedBlobStore, default_store
from dossier.infra.storage.services.fieldkeys import field_key
from dossier.infra.storage.services.gc import collect_garbage
from dossier.infra.storage.services.keys import rotate_master_key

__all__ = [
    "EncryptedBlobStore",
    "collect_garbage",
    "default_store",
    "field_key",
    "rotate_master_key",
]
