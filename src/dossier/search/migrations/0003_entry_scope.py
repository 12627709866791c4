"""Each entry gets a narrow row with its kind, day and a copy of its customer's scope and facet
values (live, owner, team, category, province), filled here and kept in step by
search.services."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def rowid_key(apps: Any, schema_editor: Any) -> None:
    """On SQLite only an `integer` primary key is the rowid: a look-up by entry is then one
    B-tree search, not an index search and then the table's (Django declares `bigint`)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_entryscope'")
        (create,) = cursor.fetchone()
        cursor.execute("DROP TABLE search_entryscope")
        # Its index on customer_id is made at the end of the migration (Django defers it).
        cursor.execute(create.replace('"entry_id" bigint NOT NULL', '"entry_id" integer NOT NULL'))


COPY = """
INSERT INTO search_entryscope
    (entry_id, kind, customer_id, day, live, owner_id, team_id, category_id, province)
SELECT e.id, e.kind, e.customer_id, e.day, COALESCE(c.deleted_at IS NULL, FALSE),
       c.owner_id, c.team_id, c.category_id, COALESCE(c.province, '')
FROM search_entry e LEFT JOIN customers_customer c ON c.id = e.customer_id
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext"), ("customers", "0005_share")]

    operations = [
        migrations.CreateModel(
            name="EntryScope",
            fields=[
                (
                    "entry",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="scope",
                        serialize=False,
                        to="search.entry",
                    ),
                ),
                ("kind", models.CharField(max_length=16)),
                ("customer_id", models.BigIntegerField()),
                ("day", models.DateField()),
                ("live", models.BooleanField(default=True)),
                ("owner_id", models.BigIntegerField(null=True)),
                ("team_id", models.BigIntegerField(null=True)),
                ("category_id", models.BigIntegerField(null=True)),
                ("province", models.CharField(blank=True, max_length=32)),
            ],
            options={
                "indexes": [models.Index(fields=["customer_id"], name="search_scope_customer")]
            },
        ),
        migrations.RunPython(rowid_key, migrations.RunPython.noop),
        migrations.RunSQL(COPY, migrations.RunSQL.noop),
    ]
