from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "dossier.audit"
    label = "audit"
    verbose_name = "Audit trail"
