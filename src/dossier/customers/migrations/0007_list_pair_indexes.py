"""Pair indexes for the list counts of category with level or industry, and owner with industry."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sharing_permissions"),
        ("customers", "0006_list_count_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["category", "level", "industry"],
                name="customer_category_level",
            ),
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["owner", "industry", "-updated_at", "-id"],
                name="customer_owner_industry",
            ),
        ),
    ]
