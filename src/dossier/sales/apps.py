from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "dossier.sales"
    label = "sales"
    verbose_name = "Sales"

    def ready(self) -> None:
        from dossier.customers import timeline as customer_timeline
        from dossier.sales import timeline

        customer_timeline.register(timeline.opportunities)
