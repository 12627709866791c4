from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "dossier.access"
    label = "access"
