from django.db import migrations

from dossier.customers.migrations._builtin import CATEGORIES


def create_categories(apps, schema_editor):
    Category = apps.get_model("customers", "Category")
    for position, (code, name, name_en) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "position": position, "is_builtin": True},
        )


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_initial")]
    operations = [migrations.RunPython(create_categories, migrations.RunPython.noop)]
