"""Index the terms of the recommendations stored before detection existed, so that loads from now
on find them as candidates (about 30 s per 100,000 recommendations)."""

from django.db import migrations

from recurrence.similarity import terms


def index(apps, schema_editor):
    Recommendation = apps.get_model("recommendations", "Recommendation")
    RecommendationTerm = apps.get_model("recurrence", "RecommendationTerm")
    rows = Recommendation.objects.order_by("pk").values_list("pk", "dialogue_id", "text").iterator(chunk_size=2000)
    batch = []
    for pk, dialogue_id, text in rows:
        batch += [RecommendationTerm(recommendation_id=pk, dialogue_id=dialogue_id, term=term[:64])
                  for term in sorted(set(terms(text)))]
        if len(batch) >= 20000:
            RecommendationTerm.objects.bulk_create(batch)
            batch = []
    RecommendationTerm.objects.bulk_create(batch)


def unindex(apps, schema_editor):
    apps.get_model("recurrence", "RecommendationTerm").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("recurrence", "0002_roles")]

    operations = [migrations.RunPython(index, unindex)]
