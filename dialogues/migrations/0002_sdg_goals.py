"""The 17 Sustainable Development Goals, as data."""

from django.db import migrations

GOALS = [
    (1, "No poverty"),
    (2, "Zero hunger"),
    (3, "Good health and well-being"),
    (4, "Quality education"),
    (5, "Gender equality"),
    (6, "Clean water and sanitation"),
    (7, "Affordable and clean energy"),
    (8, "Decent work and economic growth"),
    (9, "Industry, innovation and infrastructure"),
    (10, "Reduced inequalities"),
    (11, "Sustainable cities and communities"),
    (12, "Responsible consumption and production"),
    (13, "Climate action"),
    (14, "Life below water"),
    (15, "Life on land"),
    (16, "Peace, justice and strong institutions"),
    (17, "Partnerships for the goals"),
]


def add_goals(apps, schema_editor):
    SdgGoal = apps.get_model("dialogues", "SdgGoal")
    for number, title in GOALS:
        SdgGoal.objects.update_or_create(number=number, defaults={"title": title})


def remove_goals(apps, schema_editor):
    apps.get_model("dialogues", "SdgGoal").objects.filter(number__in=[n for n, _ in GOALS]).delete()


class Migration(migrations.Migration):
    dependencies = [("dialogues", "0001_initial")]

    operations = [migrations.RunPython(add_goals, remove_goals)]
