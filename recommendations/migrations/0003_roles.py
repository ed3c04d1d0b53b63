"""The two staff roles, as groups with their permissions.

Secretariat: records status updates; changes recommendations, actors, dialogues, priority
issues and themes (and what is edited inline with them); deletes nothing; no user management.
Reviewer: reads the admin, changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ["actors", "dialogues", "recommendations"]
SECRETARIAT = {
    "recommendations": {
        "recommendation": ["view", "change"],
        "statusupdate": ["view", "add"],
        "responsibility": ["view", "add", "change"],
        "recommendationcountry": ["view", "add", "change"],
        "indicator": ["view", "change"],
        "indicatorvalue": ["view", "add"],
    },
    "actors": {"actor": ["view", "add", "change"], "actoralias": ["view", "add", "change"]},
    "dialogues": {
        "dialogue": ["view", "change"],
        "dialogueseries": ["view"],
        "document": ["view"],
        "priorityissue": ["view", "change"],
        "theme": ["view", "change"],
        "sdggoal": ["view"],
    },
}


def codenames(apps, app_label, actions_by_model):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label=app_label,
        codename__in=[f"{action}_{model}" for model, actions in actions_by_model.items() for action in actions],
    )


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    secretariat, _ = Group.objects.get_or_create(name="Secretariat")
    secretariat.permissions.set(
        [perm for app_label, models in SECRETARIAT.items() for perm in codenames(apps, app_label, models)]
    )
    reviewer, _ = Group.objects.get_or_create(name="Reviewer")
    reviewer.permissions.set(
        Permission.objects.filter(content_type__app_label__in=APPS, codename__startswith="view_")
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Secretariat", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0002_search_index"),
        ("actors", "0001_initial"),
        ("dialogues", "0002_sdg_goals"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
