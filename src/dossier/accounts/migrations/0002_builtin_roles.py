"""The five built-in roles, stored as data so admins can change their permissions."""

from django.db import migrations

BUILTIN_ROLES = {
    "admin": ("Administrator", ["*"]),
    "manager": (
        "Manager",
        ["customer.view", "scope.managed_teams", "customer.export", "document.view", "report.view"],
    ),
    "sales": (
        "Sales",
        [
            "customer.view",
            "customer.add",
            "customer.change",
            "interaction.add",
            "document.view",
            "document.add",
            "document.change",
            "report.view",
        ],
    ),
    "service": (
        "Service",
        ["customer.view", "scope.team", "interaction.add", "document.view", "document.add"],
    ),
    "viewer": ("Viewer", ["customer.view", "scope.team", "document.view"]),
}


def create_roles(apps, schema_editor):
    Role = apps.get_model("accounts", "Role")
    for code, (name, permissions) in BUILTIN_ROLES.items():
        Role.objects.update_or_create(
            code=code, defaults={"name": name, "permissions": permissions, "is_builtin": True}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
