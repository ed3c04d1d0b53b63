"""Writes on recommendations that span rows or must not race: one function per action."""

from datetime import date

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from dialogues.models import Document
from recommendations.models import DataVersion, Recommendation, StatusUpdate


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
    if changed:
        update_search_vectors(Recommendation.objects.filter(pk__in=[r.pk for r in changed]))
    return len(changed)


def update_search_vectors(recommendations) -> None:
    """Recompute the tsvector of these recommendations from their text and search text (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        # The wording weighs most; actors, themes and place come second.
        recommendations.update(
            search_vector=SearchVector("text", weight="A", config="english")
            + SearchVector("search_text", weight="B", config="english")
        )


def refresh_all_search_index() -> int:
    """Rebuild the search text of every recommendation, in batches."""
    ids = list(Recommendation.objects.values_list("pk", flat=True))
    return sum(refresh_search_index(ids[i : i + 1000]) for i in range(0, len(ids), 1000))


class StaleEdit(Exception):
    """Someone else saved the recommendation after this editor opened it."""


@transaction.atomic
def record_status_update(*, recommendation: Recommendation, status: str, as_of: date, narrative: str = "",
                         evidence_url: str = "", evidence_document: Document | None = None,
                         recorded_by=None) -> StatusUpdate:
    """Add a dated entry to a recommendation's history; make it current if it is the newest.

    The recommendation row is locked first, so two staff saving at once cannot both
    believe they are the newest; a back-dated entry joins the history only.
    """
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    update = StatusUpdate(recommendation=rec, status=status, as_of=as_of, narrative=narrative,
                          evidence_url=evidence_url, evidence_document=evidence_document,
                          recorded_by=recorded_by, recorded_at=timezone.now())
    update.full_clean()  # known status, no future date, http(s) evidence
    update.save()
    DataVersion.objects.bump()
    if rec.status_as_of is None or as_of >= rec.status_as_of:
        Recommendation.objects.filter(pk=rec.pk).update(
            current_status=status, status_as_of=as_of, version=F("version") + 1
        )
    return update


@transaction.atomic
def record_status_updates(*, recommendations, status: str, as_of: date, narrative: str = "",
                          evidence_url: str = "", evidence_document: Document | None = None,
                          recorded_by=None) -> list[StatusUpdate]:
    """Record the same update on many recommendations: all of them, or none."""
    recs = list(recommendations)
    if not recs:
        raise ValidationError("Select at least one recommendation to record a status update on.")
    return [
        record_status_update(recommendation=rec, status=status, as_of=as_of, narrative=narrative,
                             evidence_url=evidence_url, evidence_document=evidence_document,
                             recorded_by=recorded_by)
        for rec in sorted(recs, key=lambda r: r.pk)  # a fixed lock order cannot deadlock
    ]


@transaction.atomic
def save_recommendation_edit(*, recommendation: Recommendation, seen_version: int,
                             fields: list[str] | None = None) -> Recommendation:
    """Save a staff edit unless someone else saved the recommendation since it was opened."""
    current = Recommendation.objects.select_for_update().only("version").get(pk=recommendation.pk)
    if current.version != seen_version:
        raise StaleEdit(
            "Someone else saved this recommendation after you opened it. "
            "Reload the page to see their changes, then make yours again."
        )
    recommendation.version = current.version + 1
    recommendation.save(update_fields=None if fields is None else [*fields, "version", "updated_at"])
    DataVersion.objects.bump()
    return recommendation
