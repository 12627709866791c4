from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "dossier.infra.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
