"""The engine's full-text index over search_entry: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from typing import Any

from django.db import migrations


def install(apps: Any, schema_editor: Any) -> None:
    from dossier.search.engines import engine

    with schema_editor.connection.cursor() as cursor:
        engine(schema_editor.connection.vendor).install(cursor)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from dossier.search.engines import engine

    with schema_editor.connection.cursor() as cursor:
        engine(schema_editor.connection.vendor).uninstall(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
