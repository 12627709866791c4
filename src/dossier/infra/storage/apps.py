from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "dossier.infra.storage"
    label = "storage"
    verbose_name = "Blob storage"
