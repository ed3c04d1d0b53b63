"""Let the staff roles reach report imports.

Secretariat: uploads, reviews, saves and publishes reports (view, add, change; no delete).
Reviewer: reads imports and their review pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {"Secretariat": ["view", "add", "change"], "Reviewer": ["view"]}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; the roles need them now.
    app_config = apps.get_app_config("dialogues")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, actions in ROLES.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label="dialogues", codename__in=[f"{a}_reportimport" for a in actions]))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="dialogues", codename__endswith="_reportimport"))


class Migration(migrations.Migration):
    dependencies = [
        ("dialogues", "0003_report_import"),
        ("recommendations", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
