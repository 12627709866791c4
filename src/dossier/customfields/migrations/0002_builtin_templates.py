from django.db import migrations

from dossier.customfields.migrations._builtin import TEMPLATES


def create_templates(apps, schema_editor):
    Template = apps.get_model("customfields", "Template")
    FieldDefinition = apps.get_model("customfields", "FieldDefinition")
    for code, (name, fields) in TEMPLATES.items():
        template, _created = Template.objects.get_or_create(code=code, defaults={"name": name})
        for position, spec in enumerate(fields, start=1):
            key, label, label_en, field_type, required, options, rules, system, sensitive = spec
            FieldDefinition.objects.get_or_create(
                template=template,
                key=key,
                defaults={
                    "label": label,
                    "label_en": label_en,
                    "field_type": field_type,
                    "required": required,
                    "options": options,
                    "rules": rules,
                    "is_system": system,
                    "sensitive": sensitive,
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("customfields", "0001_initial")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]
