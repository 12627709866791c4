from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dossier.documents"
    label = "documents"
    verbose_name = "Customer files"

    def ready(self) -> None:
        # Uploads enqueue text extraction in every process, not only in the worker.
        from dossier.customers import timeline as customer_timeline
        from dossier.documents import tasks, timeline

        del tasks  # imported for its job handlers, which register themselves
        customer_timeline.register(timeline.documents)
