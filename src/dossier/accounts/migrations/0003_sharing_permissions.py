"""Sharing arrives: sales may share their own customers, and service reps see the customers
assigned (shared) to them instead of their whole team. Roles an admin has changed are kept."""

from django.db import migrations

OLD_SERVICE = ["customer.view", "scope.team", "interaction.add", "document.view", "document.add"]
NEW_SERVICE = ["customer.view", "interaction.add", "document.view", "document.add"]


def forwards(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    service = Role.objects.filter(code="service").first()
    if service is not None and sorted(service.permissions) == sorted(OLD_SERVICE):
        service.permissions = NEW_SERVICE
        service.save(update_fields=["permissions"])
    sales = Role.objects.filter(code="sales").first()
    if sales is not None and "customer.share" not in sales.permissions:
        sales.permissions = [*sales.permissions, "customer.share"]
        sales.save(update_fields=["permissions"])


def backwards(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    service = Role.objects.filter(code="service").first()
    if service is not None and sorted(service.permissions) == sorted(NEW_SERVICE):
        service.permissions = OLD_SERVICE
        service.save(update_fields=["permissions"])
    sales = Role.objects.filter(code="sales").first()
    if sales is not None and "customer.share" in sales.permissions:
        sales.permissions = [p for p in sales.permissions if p != "customer.share"]
        sales.save(update_fields=["permissions"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_builtin_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
