"""Rebuild the full-text index. PostgreSQL: the tsvector with positions, so that names weigh
more and a names-only query matches names only (position-less lexemes ignore weights). SQLite:
FTS5 with a prefix index for 4-character term starts."""

from typing import Any

from django.db import migrations


def rebuild(apps: Any, schema_editor: Any) -> None:
    from dossier.search.engines import engine

    chosen = engine(schema_editor.connection.vendor)
    with schema_editor.connection.cursor() as cursor:
        chosen.uninstall(cursor)
        chosen.install(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_entry_scope")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
