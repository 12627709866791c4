"""customer_owner carries created_at, so an owner's month is found walking their list order."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_sharing_permissions"),
        ("customers", "0007_list_pair_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="customer",
            name="customer_owner",
        ),
        migrations.AddIndex(
            model_name="customer",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["owner", "-updated_at", "-id", "created_at"],
                name="customer_owner",
            ),
        ),
    ]
