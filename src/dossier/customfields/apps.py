from django.apps import AppConfig


class CustomFieldsConfig(AppConfig):
    name = "dossier.customfields"
    label = "customfields"
    verbose_name = "Templates and custom fields"
