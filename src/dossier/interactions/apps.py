from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "dossier.interactions"
    label = "interactions"
    verbose_name = "Interactions and service"
