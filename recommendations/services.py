"""Writes on recommendations that span rows or must not race: one function per action."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from recommendations.models import Recommendation


def search_text_for(rec: Recommendation) -> str:
    """Return the denormalised text a recommendation is found by: wording, actors, place."""
    parts = [rec.text, rec.section]
    if rec.theme_id:
        parts.append(rec.theme.name)
    if rec.priority_issue_id:
        parts.append(rec.priority_issue.text)
    for resp in rec.responsibilities.all():
        parts.extend([resp.actor.name, resp.actor.acronym])
        parts.extend(alias.name for alias in resp.actor.aliases.all())
    parts.extend(str(c.country.name) for c in rec.countries.all())
    return " ".join(p for p in parts if p)


@transaction.atomic
def refresh_search_index(recommendation_ids) -> int:
    """Rebuild ``search_text`` (and the tsvector on PostgreSQL) for these recommendations."""
    recs = (
        Recommendation.objects.filter(pk__in=list(recommendation_ids))
        .select_related("theme", "priority_issue")
        .prefetch_related("responsibilities__actor__aliases", "countries")
    )
    changed = []
    for rec in recs:
        rec.search_text = search_text_for(rec)
        changed.append(rec)
    Recommendation.objects.bulk_update(changed, ["search_text"], batch_size=500)
    if connection.vendor == "postgresql" and changed:
        # The wording weighs most; actors, themes and place come second.
        Recommendation.objects.filter(pk__in=[r.pk for r in changed]).update(
            search_vector=SearchVector("text", weight="A", config="english")
            + SearchVector("search_text", weight="B", config="english")
        )
    return len(changed)


def refresh_all_search_index() -> int:
    """Rebuild the search text of every recommendation, in batches."""
    ids = list(Recommendation.objects.values_list("pk", flat=True))
    return sum(refresh_search_index(ids[i : i + 1000]) for i in range(0, len(ids), 1000))
