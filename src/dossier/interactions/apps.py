from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "dossier.interactions"
    label = "interactions"
    verbose_name = "Interactions and service"

    def ready(self) -> None:
        from dossier.customers import timeline as customer_timeline
        from dossier.interactions import timeline

        customer_timeline.register(timeline.interactions)
        customer_timeline.register(timeline.service_records)
