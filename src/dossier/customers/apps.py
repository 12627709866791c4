from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "dossier.customers"
    label = "customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        from dossier.customers import timeline

        timeline.register(timeline.customer_changes)
