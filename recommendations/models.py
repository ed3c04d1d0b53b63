"""Recommendations, who is responsible for them, their status history and indicators."""

import json
import uuid
from datetime import timedelta
from decimal import Decimal
from functools import cached_property
from itertools import batched

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import connection, connections, models
from django.db.models import Case, Count, F, Max, Prefetch, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from django_countries.fields import CountryField

from recommendations.indicators import Progress, progress_for_year, validate_period, year_of


class Status(models.TextChoices):
    NO_INFORMATION = "no information", "No information"
    NOT_STARTED = "not started", "Not started"
    IN_PROGRESS = "in progress", "In progress"
    PARTIALLY_IMPLEMENTED = "partially implemented", "Partially implemented"
    IMPLEMENTED = "implemented", "Implemented"
    NOT_IMPLEMENTED = "not implemented", "Not implemented (closed without action)"
    SUPERSEDED = "superseded", "Superseded"


CLOSED_STATUSES = [Status.IMPLEMENTED, Status.NOT_IMPLEMENTED, Status.SUPERSEDED]


class Recurrence(models.TextChoices):
    """How often an ask was raised, from its chain of confirmed repeats (recurrence.ChainEntry)."""

    ONCE = "once", "Raised once"
    REPEATED = "repeated", "Repeated once or twice"
    OFTEN = "often", "Repeated 3+ times"


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    COMMITMENT = "commitment", "Commitment"
    PRIORITY = "priority", "Priority"


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    SUPPORT = "support", "Support"
    ADDRESSEE = "addressee", "Addressee"


def id_set(ids: list[int], *, vendor: str) -> RawSQL:
    """A list of ids as a subquery with one parameter, for ``field__in=``: an array on PostgreSQL,
    a JSON text on SQLite. Thousands of ``IN (%s, ...)`` placeholders cost more to build and
    parse than the rows they fetch."""
    if vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


class RecommendationQuerySet(models.QuerySet):
    def published(self):
        """Recommendations the public may see: those of published dialogues."""
        return self.filter(dialogue__published=True)

    def for_list(self):
        """All a list row, feed item or CSV row shows, in a fixed number of queries."""
        return self.select_related("dialogue", "theme", "priority_issue").prefetch_related(
            # Ordered within a recommendation only: the default ordering would join the
            # recommendation and its dialogue again just to sort.
            Prefetch("responsibilities",
                     queryset=Responsibility.objects.select_related("actor").order_by("role", "actor__name")),
            Prefetch("countries", queryset=RecommendationCountry.objects.order_by("country")),
        )

    def as_links(self):
        """Just what a link to a recommendation shows: its id, wording and current status."""
        return self.only("pk", "text", "current_status")

    def without_bulk_text(self):
        """Leave out the columns no list row shows: the search index and, where the cited
        document is joined, its full text (up to ~100 KB per row)."""
        return self.defer("search_text", "search_vector", "document__text")

    def export_values(self, chunk_size: int = 2000):
        """Yield every export column of these recommendations as a plain dict, in this order.

        No model instances (the cost that dominates at 100,000 rows): one ``values`` query read
        through the database cursor in chunks, plus each chunk's actors, countries and indicators
        (three queries per chunk), so memory stays bounded and rows stream fast.
        """
        fields = {"id": "pk", "text": "text", "dialogue": "dialogue__title",
                  "dialogue_date": "dialogue__start_date", "document": "document__title", "section": "section",
                  "line_start": "line_start", "line_end": "line_end", "theme": "theme__name",
                  "priority_issue_number": "priority_issue__number", "status": "current_status",
                  "status_as_of": "status_as_of", "kind": "kind", "is_summary": "is_summary",
                  "first_raised_id": "chain__first_raised_id", "first_raised_date": "chain__first_raised_date",
                  "repetitions": "chain__repetitions"}
        rows = self.values_list(*fields.values()).iterator(chunk_size=chunk_size)
        vendor = connections[self.db].vendor
        for chunk in batched(rows, chunk_size):
            ids = id_set([row[0] for row in chunk], vendor=vendor)
            actors, places = {}, {}
            for rec_id, name, role in (
                Responsibility.objects.filter(recommendation_id__in=ids)
                .order_by("recommendation_id", "role", "actor__name")
                .values_list("recommendation_id", "actor__name", "role")
            ):
                actors.setdefault(rec_id, []).append({"name": name, "role": role})
            for rec_id, code in (
                RecommendationCountry.objects.filter(recommendation_id__in=ids)
                .order_by("recommendation_id", "country")
                .values_list("recommendation_id", "country")
            ):
                places.setdefault(rec_id, []).append(code)
            measured_by: dict[int, list[str]] = {}
            for rec_id, name in (
                Indicator.recommendations.through.objects.filter(recommendation_id__in=ids)
                .order_by("recommendation_id", "indicator__name")
                .values_list("recommendation_id", "indicator__name")
            ):
                measured_by.setdefault(rec_id, []).append(name)
            for row in chunk:
                record = dict(zip(fields, row))
                record["actors"], record["countries"] = actors.get(row[0], []), places.get(row[0], [])
                record["indicators"] = measured_by.get(row[0], [])
                yield record

    def for_actor_tree(self, actor_ids: list[int]):
        """Recommendations any of these actors is responsible for, each once."""
        return self.filter(
            pk__in=Responsibility.objects.filter(actor_id__in=actor_ids).values("recommendation_id")
        )

    def search(self, query: str):
        """Recommendations matching every word of ``query``; ranked on PostgreSQL."""
        from django.contrib.postgres.search import SearchQuery, SearchRank

        query = " ".join(query.split())[:500]
        if not query:
            return self
        if connection.vendor == "postgresql":
            sq = SearchQuery(query, search_type="websearch", config="english")
            return self.filter(search_vector=sq).annotate(
                rank=SearchRank(models.F("search_vector"), sq)
            )
        # SQLite: the same "every word" semantics over the same denormalised text.
        condition = Q()
        for word in query.split():
            condition &= Q(search_text__icontains=word.strip('"'))
        return self.filter(condition).annotate(rank=models.Value(1.0, output_field=models.FloatField()))

    def needing_update(self, days: int | None = None):
        """Open recommendations with no status update in the last ``days`` days.

        Closed ones (implemented, not implemented, superseded) need no further news.
        """
        days = settings.STATUS_STALE_AFTER_DAYS if days is None else days
        cutoff = timezone.localdate() - timedelta(days=days)
        return self.exclude(current_status__in=CLOSED_STATUSES).filter(
            Q(status_as_of__isnull=True) | Q(status_as_of__lt=cutoff)
        )

    def for_detail(self):
        """All a recommendation page shows except its neighbours, in a fixed number of queries."""
        return self.for_list().select_related(
            "dialogue__series", "document", "priority_issue__theme", "chain").prefetch_related(
            "sdg_goals",
            Prefetch("status_updates", queryset=StatusUpdate.objects.public_history()),
            Prefetch("repeats", queryset=Recommendation.objects.published().as_links().order_by("line_start")),
            Prefetch("summarised_by", queryset=Recommendation.objects.published().as_links().order_by("line_start")),
            Prefetch("indicators", queryset=Indicator.objects.with_values().order_by("name")),
        )

    def with_actor_kind(self, kind: str):
        """Recommendations with at least one responsible actor of this kind, each once."""
        return self.filter(
            pk__in=Responsibility.objects.filter(actor__kind=kind).values("recommendation_id")
        )

    def in_country(self, code: str):
        """Recommendations concerning this country (ISO 3166 alpha-2), each once."""
        return self.filter(
            pk__in=RecommendationCountry.objects.filter(country=code).values("recommendation_id")
        )

    def with_sdg_goal(self, number: int):
        """Recommendations tagged with this SDG goal, each once."""
        return self.filter(
            pk__in=Recommendation.sdg_goals.through.objects.filter(sdggoal_id=number).values(
                "recommendation_id"
            )
        )

    def in_year(self, year: int):
        """Recommendations of dialogues that started in this year (a range on an indexed date)."""
        return self.filter(dialogue__start_date__year=year)

    def with_standing(self):
        """Each with ``standing_since`` (its chain's first raising, else its own dialogue's start) and
        ``repetitions`` (0 when raised once): one LEFT JOIN on the chain entries, no extra query."""
        if "standing_since" in self.query.annotations:
            return self
        return self.annotate(standing_since=Coalesce(F("chain__first_raised_date"), F("dialogue__start_date")),
                             repetitions=Coalesce(F("chain__repetitions"), Value(0)))

    def recurring(self, how_often: str):
        """Recommendations raised once, repeated once or twice, or repeated three times or more."""
        if how_often == Recurrence.ONCE:
            return self.filter(chain__isnull=True)
        if how_often == Recurrence.REPEATED:
            return self.filter(chain__repetitions__in=[1, 2])
        return self.filter(chain__repetitions__gte=3)

    def with_recurrence(self):
        """Each with ``recurrence``: raised once, repeated (once or twice) or often (3+ times)."""
        return self.annotate(recurrence=Case(
            When(chain__isnull=True, then=Value(Recurrence.ONCE)),
            When(chain__repetitions__lte=2, then=Value(Recurrence.REPEATED)),
            default=Value(Recurrence.OFTEN), output_field=models.CharField()))

    def longest_standing_open(self):
        """Open asks, longest standing first: a chain counts once, by its latest raising (and its status)."""
        return (self.exclude(current_status__in=CLOSED_STATUSES)
                .filter(Q(chain__isnull=True) | Q(chain__is_latest=True))
                .with_standing().order_by("standing_since", "-repetitions", "pk"))

    def chain_of(self, rec: "Recommendation"):
        """The recommendations of ``rec``'s chain of confirmed repeats, first raised first (none if it
        was raised once); ``rec`` must come with its chain entry (``select_related("chain")``)."""
        try:
            first_raised_id = rec.chain.first_raised_id
        except ObjectDoesNotExist:
            return self.none()
        return (self.filter(chain__first_raised_id=first_raised_id).select_related("dialogue", "chain")
                .only("pk", "text", "current_status", "dialogue__title", "dialogue__slug", "dialogue__start_date",
                      "chain__position", "chain__first_raised_date", "chain__repetitions")
                .order_by("chain__position"))

    def sorted_by(self, key: str):
        """Order by ``relevance`` (after ``search``), ``date``, ``oldest``, ``status``, ``theme`` or
        ``standing`` (longest-standing ask first)."""
        stable = ("document_id", "line_start", "pk")
        if key == "standing":
            return self.with_standing().order_by("standing_since", "-repetitions", "-dialogue__start_date", *stable)
        if key == "relevance" and "rank" in self.query.annotations:
            return self.order_by("-rank", "-dialogue__start_date", *stable)
        if key == "oldest":
            return self.order_by("dialogue__start_date", *stable)
        if key == "status":
            order = Case(*(When(current_status=s, then=Value(i)) for i, s in enumerate(Status.values)))
            return self.order_by(order, "-dialogue__start_date", *stable)
        if key == "theme":
            return self.order_by(F("theme__name").asc(nulls_last=True), "-dialogue__start_date", *stable)
        return self.order_by("-dialogue__start_date", *stable)

    def count_by(self, *fields: str, distinct: bool = False):
        """One GROUP BY over this queryset: rows of ``fields`` plus ``n``, the recommendations each.

        ``distinct`` is needed when grouping across a to-many relation (actors, countries,
        goals), where one recommendation meets several rows.
        """
        return (
            self.order_by()
            .values(*fields)
            .annotate(n=Count("pk", distinct=distinct))
            .order_by(*fields)
        )

    def totals(self) -> dict:
        """How many recommendations, and of how many dialogues; two queries."""
        return {
            "recommendations": self.count(),
            "dialogues": self.order_by().values("dialogue_id").distinct().count(),
        }

    def count_by_year(self):
        """One GROUP BY: rows of ``year`` (of the dialogue's start) and ``n``, newest year first."""
        return (
            self.order_by()
            .annotate(year=ExtractYear("dialogue__start_date"))
            .values("year")
            .annotate(n=Count("pk"))
            .order_by("-year")
        )

    def country_counts(self) -> list[dict]:
        """Each country concerned, with its name and ``n`` recommendations, by name; one query."""
        rows = self.count_by("countries__country")  # one row per (recommendation, country)
        found = [
            {"code": r["countries__country"], "name": countries.name(r["countries__country"]), "n": r["n"]}
            for r in rows
            if r["countries__country"]
        ]
        return sorted(found, key=lambda c: c["name"])

    def count_by_actor(self) -> dict[int, int]:
        """For each actor named: how many of these recommendations it is directly responsible for.

        One GROUP BY on the narrow responsibilities table, restricted to these recommendations
        (one responsibility per recommendation and actor, so a plain count is distinct).
        """
        rows = (
            Responsibility.objects.filter(recommendation_id__in=self.order_by().values("pk"))
            .order_by()
            .values_list("actor_id")
            .annotate(n=Count("pk"))
        )
        return dict(rows)

    def count_by_actor_kind(self) -> dict[str, int]:
        """For each kind of actor: how many of these recommendations name one of that kind."""
        rows = (
            Responsibility.objects.filter(recommendation_id__in=self.order_by().values("pk"))
            .order_by()
            .values_list("actor__kind")
            .annotate(n=Count("recommendation_id", distinct=True))
        )
        return dict(rows)

    def count_in_actor_trees(self) -> dict[int, int]:
        """For each actor with sub-actors: how many of these recommendations it or any actor
        beneath it is responsible for, each counted once; one query, whatever the tree's depth.

        The ORM has no recursive joins, so the actor tree is walked by a recursive CTE (the
        same SQL on PostgreSQL and SQLite) and joined to the responsibilities of exactly this
        queryset's recommendations.
        """
        from actors.models import Actor

        ids_sql, params = self.order_by().values("pk").query.sql_with_params()
        actor, resp = Actor._meta.db_table, Responsibility._meta.db_table
        sql = f"""
            WITH RECURSIVE tree(root_id, actor_id, depth) AS (
                SELECT p.id, p.id, 0 FROM {actor} p
                WHERE EXISTS (SELECT 1 FROM {actor} c WHERE c.parent_id = p.id)
                UNION ALL
                SELECT t.root_id, c.id, t.depth + 1 FROM tree t JOIN {actor} c ON c.parent_id = t.actor_id
                WHERE t.depth < 20
            )
            SELECT t.root_id, COUNT(DISTINCT r.recommendation_id)
            FROM {resp} r JOIN tree t ON t.actor_id = r.actor_id
            WHERE r.recommendation_id IN ({ids_sql})
            GROUP BY t.root_id
        """  # noqa: S608 - table names come from the models, values are bound parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def status_currency(self, *fields: str):
        """One GROUP BY: rows of ``fields`` with ``n`` recommendations, ``updated`` (those with a
        status recorded) and ``latest``, the newest as-of date of their current statuses."""
        return (
            self.order_by()
            .values(*fields)
            .annotate(n=Count("pk"), updated=Count("status_as_of"), latest=Max("status_as_of"))
            .order_by(*fields)
        )

    def status_counts(self) -> list[dict]:
        """The number of recommendations in each status, in the vocabulary's order; one query."""
        found = dict(self.count_by("current_status").values_list("current_status", "n"))
        return [
            {"status": value, "label": label, "n": found.get(value, 0)} for value, label in Status.choices
        ]

    def status_breakdown_by_theme(self) -> list[dict]:
        """Per theme (and "No theme"), the count in each status, by theme name; one query."""
        rows = self.count_by("theme__name", "theme__slug", "current_status")
        themes: dict[str | None, dict] = {}
        for row in rows:  # one row per theme and status, never per recommendation
            theme = themes.setdefault(
                row["theme__slug"],
                {"name": row["theme__name"] or "No theme", "slug": row["theme__slug"], "counts": {}},
            )
            theme["counts"][row["current_status"]] = row["n"]
        return sorted(themes.values(), key=lambda t: (t["slug"] is None, t["name"]))

    def of_priority_issue_except(self, rec: "Recommendation"):
        """The other public recommendations of the same priority issue, in source order."""
        if rec.priority_issue_id is None:
            return self.none()
        return self.filter(priority_issue_id=rec.priority_issue_id).exclude(pk=rec.pk).order_by(
            "document_id", "line_start"
        )


class Recommendation(models.Model):
    dialogue = models.ForeignKey(
        "dialogues.Dialogue", on_delete=models.CASCADE, related_name="recommendations"
    )
    document = models.ForeignKey(
        "dialogues.Document", on_delete=models.CASCADE, related_name="recommendations"
    )
    key = models.CharField(max_length=255, help_text="Its stable place in the document.")
    theme = models.ForeignKey(
        "dialogues.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendations"
    )
    priority_issue = models.ForeignKey(
        "dialogues.PriorityIssue",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    text = models.TextField()
    section = models.CharField(max_length=500, blank=True)
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()
    kind = models.CharField(
        max_length=20, choices=RecommendationKind, default=RecommendationKind.RECOMMENDATION, db_index=True
    )
    is_summary = models.BooleanField(default=False, db_index=True)
    repeats = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="summarised_by",
        help_text="The detailed recommendations a summary item repeats.",
    )
    sdg_goals = models.ManyToManyField("dialogues.SdgGoal", blank=True, related_name="recommendations")
    current_status = models.CharField(
        max_length=30, choices=Status, default=Status.NO_INFORMATION, db_index=True, editable=False
    )
    status_as_of = models.DateField(null=True, blank=True, db_index=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["-dialogue__start_date", "document_id", "line_start"]
        constraints = [
            models.UniqueConstraint(fields=["document", "key"], name="uniq_recommendation_key"),
            models.CheckConstraint(
                condition=models.Q(line_end__gte=models.F("line_start")) & models.Q(line_start__gte=1),
                name="recommendation_line_span_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(current_status__in=Status.values), name="recommendation_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["dialogue", "line_start"], name="rec_dialogue_line_idx"),
            models.Index(fields=["theme", "current_status"], name="rec_theme_status_idx"),
            # Facet counts read only these columns: an index-only scan instead of the wide table.
            models.Index(fields=["current_status", "theme", "dialogue", "id"], name="rec_facets_idx"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 90 else self.text[:89] + "…"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:recommendation-detail", args=[self.pk])


class RecommendationCountry(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="countries")
    country = CountryField(db_index=True)

    class Meta:
        ordering = ["country"]
        verbose_name_plural = "recommendation countries"
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "country"], name="uniq_recommendation_country"),
        ]

    def __str__(self) -> str:
        return str(self.country.name)


class Responsibility(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responsibilities"
    )
    actor = models.ForeignKey("actors.Actor", on_delete=models.PROTECT, related_name="responsibilities")
    role = models.CharField(max_length=20, choices=Role, default=Role.LEAD, db_index=True)

    class Meta:
        ordering = ["recommendation", "role", "actor__name"]
        verbose_name_plural = "responsibilities"
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "actor"], name="uniq_responsibility"),
        ]

    def __str__(self) -> str:
        return f"{self.actor.name} ({self.get_role_display()})"


def validate_http_url(value: str) -> None:
    """Accept only http(s) links as evidence."""
    URLValidator(schemes=["http", "https"], message="Evidence links must start with http:// or https://.")(
        value
    )


def validate_not_future(value) -> None:
    """Refuse a date after today: a status cannot be reported ahead of time."""
    if value and value > timezone.localdate():
        raise ValidationError("The as-of date cannot be in the future.", code="future")


class StatusUpdateQuerySet(models.QuerySet):
    def published(self):
        """Status updates the public may see: those of published dialogues' recommendations."""
        return self.filter(recommendation__dialogue__published=True)

    def public_history(self):
        """Updates newest first with their evidence document; nothing about who recorded them."""
        return self.select_related("evidence_document").defer("recorded_by").order_by(
            "-as_of", "-recorded_at", "-pk"
        )

    def latest_public(self):
        """Published updates newest first, with the recommendation (and its theme) each shows."""
        return (
            self.published()
            .select_related("recommendation", "recommendation__theme", "recommendation__dialogue")
            .defer("recorded_by")
            .order_by("-as_of", "-recorded_at", "-pk")
        )

    def for_actor_tree(self, actor_ids: list[int]):
        """Updates on recommendations any of these actors is responsible for."""
        return self.filter(
            recommendation_id__in=Responsibility.objects.filter(actor_id__in=actor_ids).values(
                "recommendation_id"
            )
        )


class StatusUpdate(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="status_updates"
    )
    status = models.CharField(max_length=30, choices=Status, db_index=True)
    as_of = models.DateField(validators=[validate_not_future], db_index=True)
    narrative = models.TextField(blank=True)
    evidence_url = models.URLField(max_length=1000, blank=True, validators=[validate_http_url])
    evidence_document = models.ForeignKey(
        "dialogues.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-recorded_at"]
        get_latest_by = ["as_of", "recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="status_update_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} as of {self.as_of:%Y-%m-%d}"

    def clean(self) -> None:
        """Refuse an update dated before its dialogue began, or evidence from another dialogue."""
        if self.recommendation_id is None:
            return
        dialogue = Recommendation.objects.select_related("dialogue").get(pk=self.recommendation_id).dialogue
        errors = {}
        if self.as_of is not None and self.as_of < dialogue.start_date:
            errors["as_of"] = (
                f"This recommendation's dialogue, “{dialogue.title}”, began on {dialogue.start_date:%d %B %Y}: "
                f"a status update cannot be dated {self.as_of:%d %B %Y}, before it."
            )
        if self.evidence_document_id is not None:
            from dialogues.models import Document

            document = Document.objects.select_related("dialogue").defer("text").get(pk=self.evidence_document_id)
            if document.dialogue_id != dialogue.pk:
                errors["evidence_document"] = (
                    f"The document “{document.title}” belongs to the dialogue “{document.dialogue.title}”, "
                    f"not to this recommendation's dialogue, “{dialogue.title}”: choose one of its documents."
                )
        if errors:
            raise ValidationError(errors)


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class ValueKind(models.TextChoices):
    BASELINE = "baseline", "Baseline"
    TARGET = "target", "Target"
    RESULT = "result", "Result"
    SURVEY = "survey", "Survey figure"


class ReportedGroup(models.TextChoices):
    NONE = "", "—"
    ACHIEVED = "achieved", "Achieved"
    TEND_TO_MEET = "tend to meet", "Tend to meet"
    TEND_TO_FAIL = "tend to fail", "Tend to fail"


class IndicatorQuerySet(models.QuerySet):
    def published(self):
        """Indicators of published dialogues."""
        return self.filter(dialogue__published=True)

    def with_values(self):
        """Indicators with their dialogue, theme and values (by period, kind), in two queries."""
        return self.select_related("dialogue", "theme", "document").prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("period", "kind"))
        )

    def in_state(self, state: str) -> list["Indicator"]:
        """Return the indicators (values prefetched) whose latest progress is in ``state``.

        The state is derived from direction, target and result, not stored, so this filters the
        fetched rows; indicators are few (tens per report), never the 100,000 of recommendations.
        """
        return [indicator for indicator in self if indicator.progress and indicator.progress.state == state]


class Indicator(models.Model):
    name = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True)
    unit = models.CharField(max_length=60, blank=True)
    direction = models.CharField(max_length=10, choices=Direction, default=Direction.HIGHER)
    dialogue = models.ForeignKey("dialogues.Dialogue", on_delete=models.CASCADE, related_name="indicators")
    document = models.ForeignKey(
        "dialogues.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    theme = models.ForeignKey(
        "dialogues.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    reported_group = models.CharField(max_length=20, choices=ReportedGroup, blank=True, db_index=True)
    reported_status = models.CharField(
        max_length=60, blank=True, help_text="The report's own status words, as written (\"On track\")."
    )
    priority_issues = models.ManyToManyField("dialogues.PriorityIssue", blank=True, related_name="indicators")
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="indicators")
    line_start = models.PositiveIntegerField(null=True, blank=True)
    line_end = models.PositiveIntegerField(null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["dialogue", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dialogue", "name"], name="uniq_indicator_name_per_dialogue"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    def get_absolute_url(self) -> str:
        return reverse("recommendations:indicator-detail", args=[self.slug])

    @cached_property
    def progress(self) -> Progress | None:
        """The standing in the latest year with a result (else with a target), from the prefetched values."""
        values = list(self.values.all())
        years = {year_of(v.period) for v in values if v.kind == "result"} or {
            year_of(v.period) for v in values if v.kind == "target"}
        if not years:
            return None
        return progress_for_year(values, year=max(years), direction=self.direction,
                                 reported_group=self.reported_group)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(
        max_length=30, validators=[validate_period], help_text='A year ("2024") or a range ("2024-01/2024-09").'
    )
    kind = models.CharField(max_length=10, choices=ValueKind)
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    raw = models.CharField(max_length=100, blank=True, help_text="The value as the source writes it.")
    as_of = models.DateField(null=True, blank=True)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "period", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "kind"], name="uniq_indicator_value"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.get_kind_display()} {self.period}: {self.raw or self.value}"

    def clean(self) -> None:
        is_percentage = self.indicator_id and self.indicator.unit.strip() == "%"
        if is_percentage and self.value is not None and not Decimal(0) <= self.value <= Decimal(100):
            raise ValidationError({"value": "A percentage must lie between 0 and 100."})


def new_version_token() -> str:
    """A random token: a recreated version row never meets the cache entries of an old one."""
    return uuid.uuid4().hex


class DataVersionQuerySet(models.QuerySet):
    def current(self) -> str:
        """The public data's current version as a cache-key part, or "" if none was ever recorded."""
        row = self.filter(pk=1).values_list("token", "number").first()
        return f"{row[0]}.{row[1]}" if row else ""

    def bump(self) -> None:
        """Mark the public data as changed, in the caller's transaction: cached counts stop being used."""
        if not self.filter(pk=1).update(number=F("number") + 1):
            self.get_or_create(pk=1, defaults={"number": 1})


class DataVersion(models.Model):
    """One row whose number changes whenever public data changes: the key of every cached count.

    Aggregates that are the same for every visitor (home figures, facet counts) are cached under
    this number, so a status update, a load or a staff edit makes the next request recompute them:
    a cached count can never show a stale status.
    """

    number = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32, default=new_version_token, editable=False)

    objects = DataVersionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Public data version {self.number}"
