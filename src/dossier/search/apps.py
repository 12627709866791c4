from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dossier.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Every service write calls audit.record() in its transaction; indexing there keeps
        # the index exactly as current as the rows it describes.
        from dossier.customers.selectors import text
        from dossier.infra import events
        from dossier.search import selectors, services

        events.subscribe(services.on_change)
        # The customer list's `q` reads the same index, in the same transaction.
        text.use_index(selectors.customers_matching)
