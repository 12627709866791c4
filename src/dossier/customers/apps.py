from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "dossier.customers"
    label = "customers"
    verbose_name = "Customers"
