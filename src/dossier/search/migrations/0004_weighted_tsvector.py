"""PostgreSQL: rebuild the tsvector with positions, so that names weigh more and a names-only
query matches names only (position-less lexemes ignore weights). SQLite is unchanged."""

from typing import Any

from django.db import migrations


def rebuild(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from dossier.search.engines import engine

    with schema_editor.connection.cursor() as cursor:
        engine("postgresql").uninstall(cursor)
        engine("postgresql").install(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_scope")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
