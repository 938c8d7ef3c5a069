"""The Moderators and Support staff groups (marketplace/analytics/staff_groups.py)."""

from django.db import migrations

from marketplace.analytics.staff_groups import GROUPS, sync_staff_groups


def create_groups(apps, schema_editor):
    sync_staff_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("accounts", "0001_initial"),
        ("vendors", "0005_suspension_reason"),
        ("catalog", "0004_moderation_language_stock_movements"),
        ("orders", "0002_staff_permissions"),
        ("payments", "0002_staff_permissions"),
        ("reviews", "0001_initial"),
        ("earnings", "0002_shop_balances"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
