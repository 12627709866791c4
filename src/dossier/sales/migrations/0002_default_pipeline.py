from django.db import migrations

from dossier.sales.migrations._builtin import STAGES


def create_stages(apps, schema_editor):
    Stage = apps.get_model("sales", "Stage")
    for position, (code, name, name_en, probability, won, lost) in enumerate(STAGES, start=1):
        Stage.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "position": position,
                "probability": probability,
                "is_won": won,
                "is_lost": lost,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("sales", "0001_initial")]
    operations = [migrations.RunPython(create_stages, migrations.RunPython.noop)]
