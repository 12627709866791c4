from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "dossier.sales"
    label = "sales"
    verbose_name = "Sales"
