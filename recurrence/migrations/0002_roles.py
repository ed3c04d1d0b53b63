"""Let the staff roles reach recurring recommendations.

Secretariat: reviews suggested links (confirm or reject) and links recommendations by hand (view,
add, change; no delete: decisions are kept). Reviewer: reads the links.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {"Secretariat": ["view", "add", "change"], "Reviewer": ["view"]}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; the roles need them now.
    app_config = apps.get_app_config("recurrence")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label="recurrence", codename__in=[f"{a}_recurrencelink" for a in actions]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="recurrence", codename__endswith="_recurrencelink"))


class Migration(migrations.Migration):
    dependencies = [
        ("recurrence", "0001_initial"),
        ("recommendations", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
