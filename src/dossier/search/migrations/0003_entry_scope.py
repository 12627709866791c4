"""Each entry carries its customer's scope and facet values (live, owner, team, category,
province), filled here from the customers and kept in step by search.services.

Plain ALTER TABLE rather than AddField: on SQLite, AddField of a NOT NULL column copies the
table into a new one, which would drop the FTS5 triggers on search_entry."""

from django.db import migrations, models

COLUMNS = [
    ("live", "boolean NOT NULL DEFAULT TRUE", models.BooleanField(default=True)),
    ("owner_id", "bigint NULL", models.BigIntegerField(null=True)),
    ("team_id", "bigint NULL", models.BigIntegerField(null=True)),
    ("category_id", "bigint NULL", models.BigIntegerField(null=True)),
    ("province", "varchar(32) NOT NULL DEFAULT ''", models.CharField(blank=True, max_length=32)),
]

COPY = """
UPDATE search_entry SET
    live = COALESCE((SELECT c.deleted_at IS NULL FROM customers_customer c
                     WHERE c.id = search_entry.customer_id), FALSE),
    owner_id = (SELECT c.owner_id FROM customers_customer c WHERE c.id = search_entry.customer_id),
    team_id = (SELECT c.team_id FROM customers_customer c WHERE c.id = search_entry.customer_id),
    category_id = (SELECT c.category_id FROM customers_customer c
                   WHERE c.id = search_entry.customer_id),
    province = COALESCE((SELECT c.province FROM customers_customer c
                         WHERE c.id = search_entry.customer_id), '')
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext"), ("customers", "0005_share")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE search_entry ADD COLUMN {name} {sql}",
                    f"ALTER TABLE search_entry DROP COLUMN {name}",
                )
                for name, sql, _ in COLUMNS
            ],
            state_operations=[
                migrations.AddField("entry", name, field) for name, _, field in COLUMNS
            ],
        ),
        migrations.RunSQL(COPY, migrations.RunSQL.noop),
    ]
