"""Writes on recurring recommendations: detection, staff decisions, links by hand, chains.

Detection compares each recommendation with those of dialogues that started on another date (the
earlier one of a pair is the first raised) and *suggests* a link where the model in
``recurrence.similarity`` scores the pair at or above ``SUGGEST_AT``: nothing is linked until staff
confirm it. A pair that has a link in any state (suggested, confirmed, rejected) is never suggested
again. Confirmed links make chains; each chain's entries (first raised, repetitions) are rewritten in
the transaction that changes its links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from recommendations.models import DataVersion, Recommendation, Responsibility
from recurrence import similarity
from recurrence.models import ChainEntry, LinkOrigin, LinkStatus, RecommendationTerm, RecurrenceLink

# A pair scoring at least this is suggested to staff (see README, "Recurring recommendations").
SUGGEST_AT = 0.45
# Candidates looked at per recommendation: those sharing the most weight of its distinctive terms.
CANDIDATES_EACH = 25
# The most distinctive terms of a recommendation look its candidates up. A term found in more than
# COMMON_SHARE of all recommendations (and more than COMMON_MIN of them) looks none up: its list of
# recommendations is long and says little (it still counts in the score). Where every term is that
# common, the rarest LOOKUP_FALLBACK do. Measured at 100,000 synthetic recommendations, whose every
# term is common: looking up with all terms took 6 s for 30 recommendations, the two rarest 0.3 s.
LOOKUP_TERMS = 10
COMMON_SHARE = 0.02
COMMON_MIN = 500
LOOKUP_FALLBACK = 2
BATCH = 100


class NothingToCompare(ValidationError):
    """Detection was asked to run where there is nothing to compare."""


@dataclass
class DetectionReport:
    """What one run of detection did."""

    compared: int = 0
    candidates: int = 0
    suggested: list[RecurrenceLink] = field(default_factory=list)

    def summary(self) -> str:
        """Return the line the command prints."""
        return (f"Compared {self.compared:,} recommendations with {self.candidates:,} candidates from other "
                f"dialogues; suggested {len(self.suggested):,} links for staff to review.")


# --- Detection ------------------------------------------------------------------------------------


def index_terms(recommendation_ids: Iterable[int]) -> int:
    """Rewrite the terms detection looks these recommendations up by; return how many were indexed."""
    ids = list(recommendation_ids)
    indexed = 0
    for start in range(0, len(ids), 2000):
        chunk = ids[start:start + 2000]
        RecommendationTerm.objects.filter(recommendation_id__in=chunk).delete()
        rows = Recommendation.objects.filter(pk__in=chunk).values_list("pk", "dialogue_id", "text")
        RecommendationTerm.objects.bulk_create(
            [RecommendationTerm(recommendation_id=pk, dialogue_id=dialogue_id, term=term[:64])
             for pk, dialogue_id, text in rows for term in sorted(set(similarity.terms(text)))],
            batch_size=5000)
        indexed += len(chunk)
    return indexed


def suggest_for_documents(source_names: list[str]) -> DetectionReport:
    """Detect repetitions for the recommendations of these (just loaded) documents."""
    recs = Recommendation.objects.filter(document__source_name__in=source_names)
    return suggest_recurrences(recommendation_ids=list(recs.values_list("pk", flat=True)))


@transaction.atomic
def suggest_recurrences(*, recommendation_ids: list[int], earlier_only: bool = False,
                        reindex: bool = True) -> DetectionReport:
    """Compare these recommendations with those of dialogues of other dates; suggest likely repeats.

    With ``earlier_only``, each is compared with earlier dialogues' recommendations only (a run over
    the whole database sees every pair once, from its later side).
    """
    report = DetectionReport()
    if not recommendation_ids:
        return report
    if reindex:
        index_terms(recommendation_ids)
    total = Recommendation.objects.count()
    for start in range(0, len(recommendation_ids), BATCH):
        chunk = recommendation_ids[start:start + BATCH]
        report.compared += len(chunk)
        _suggest_batch(chunk, total=total, earlier_only=earlier_only, report=report)
    return report


def detect_all() -> DetectionReport:
    """Index every recommendation and compare each with those of earlier dialogues.

    Raises ``NothingToCompare`` when the database holds no recommendations, or all of them come from
    dialogues of one date.
    """
    if not Recommendation.objects.exists():
        raise NothingToCompare("Nothing to compare: the database holds no recommendations. "
                               "Load reports first (manage.py load_documents PATH).")
    if Recommendation.objects.values("dialogue__start_date").distinct().count() < 2:
        raise NothingToCompare("Nothing to compare: every recommendation comes from dialogues of one date, "
                               "so none is earlier than another.")
    ids = list(Recommendation.objects.order_by("dialogue__start_date", "pk").values_list("pk", flat=True))
    with transaction.atomic():
        index_terms(ids)
        return suggest_recurrences(recommendation_ids=ids, earlier_only=True, reindex=False)


@dataclass
class _Rec:
    pk: int
    wording: similarity.Wording
    theme_id: int | None
    issue_terms: frozenset[str]
    day: date
    actors: frozenset[int]


def _suggest_batch(ids: list[int], *, total: int, earlier_only: bool, report: DetectionReport) -> None:
    queries = _load(ids)
    frequency = _document_frequency({t for rec in queries.values() for t in rec.wording.terms})
    idf = similarity.idf_from(frequency, total)
    lookups = []
    for rec in queries.values():
        terms = sorted(set(rec.wording.terms), key=lambda t: (-idf(t), t))
        common = max(COMMON_SHARE * total, COMMON_MIN)
        kept = [t for t in terms if frequency.get(t, 0) <= common] or terms[:LOOKUP_FALLBACK]
        lookups.append((rec.pk, rec.day, [(t, idf(t)) for t in kept[:LOOKUP_TERMS]]))
    found = _candidates(lookups, earlier_only=earlier_only)
    candidate_ids = {c for cands in found.values() for c in cands} - set(queries)
    report.candidates += sum(len(c) for c in found.values())
    if not found:
        return
    others = _load(candidate_ids)
    others.update(queries)
    frequency.update(_document_frequency(
        {t for pk in candidate_ids for t in others[pk].wording.terms} - frequency.keys()))
    idf = similarity.idf_from(frequency, total)
    pairs = {(min(q, c, key=lambda pk: (others[pk].day, pk)), max(q, c, key=lambda pk: (others[pk].day, pk)))
             for q, cands in found.items() for c in cands if others[c].day != others[q].day}
    linked = _linked_pairs({pk for pair in pairs for pk in pair})
    new = []
    for earlier_id, later_id in sorted(pairs - linked):
        earlier, later = others[earlier_id], others[later_id]
        result = similarity.compare(
            earlier.wording, later.wording, idf=idf,
            shared_theme=_shared_theme(earlier, later), shared_actor=bool(earlier.actors & later.actors))
        if result.score >= SUGGEST_AT:
            new.append(RecurrenceLink(earlier_id=earlier_id, later_id=later_id, score=round(result.score, 4),
                                      features={k: round(v, 4) for k, v in result.features.items()}))
    # Another load may have suggested the same pair meanwhile: the unique constraint keeps one.
    report.suggested += RecurrenceLink.objects.bulk_create(new, ignore_conflicts=True)


def _load(ids) -> dict[int, _Rec]:
    """The wording and context of these recommendations; two queries."""
    ids = list(ids)
    actors = defaultdict(set)
    for rec_id, actor_id in Responsibility.objects.filter(recommendation_id__in=ids).values_list(
            "recommendation_id", "actor_id"):
        actors[rec_id].add(actor_id)
    rows = Recommendation.objects.filter(pk__in=ids).values_list(
        "pk", "text", "theme_id", "priority_issue__text", "dialogue__start_date")
    return {pk: _Rec(pk=pk, wording=similarity.Wording.of(text), theme_id=theme_id,
                     issue_terms=frozenset(similarity.terms(issue or "")), day=day,
                     actors=frozenset(actors[pk]))
            for pk, text, theme_id, issue, day in rows}


def _shared_theme(a: _Rec, b: _Rec) -> bool:
    """Same theme, or priority issues worded alike (half their terms in common)."""
    if a.theme_id and a.theme_id == b.theme_id:
        return True
    if a.issue_terms and b.issue_terms:
        return len(a.issue_terms & b.issue_terms) >= 0.5 * min(len(a.issue_terms), len(b.issue_terms))
    return False


def _document_frequency(terms: set[str]) -> dict[str, int]:
    """How many recommendations have each term; one GROUP BY on the term index."""
    if not terms:
        return {}
    rows = (RecommendationTerm.objects.filter(term__in=sorted(terms)).order_by().values("term")
            .annotate(n=Count("id")).values_list("term", "n"))
    return dict(rows)


def _candidates(lookups: list[tuple[int, date, list[tuple[str, float]]]], *, earlier_only: bool
                ) -> dict[int, list[int]]:
    """For each recommendation, the ids of those (of another dialogue date) sharing the most weight of
    its lookup terms; one query for the batch."""
    postgres = connection.vendor == "postgresql"
    row = "(%s::bigint, %s, %s::float8, %s::date)" if postgres else "(%s, %s, %s, %s)"
    values, params = [], []
    for rec_id, day, weighted in lookups:
        for term, weight in weighted:
            values.append(row)
            params += [rec_id, term, weight, day if postgres else day.isoformat()]
    if not values:
        return {}
    term_table = RecommendationTerm._meta.db_table
    dialogue_table = RecommendationTerm._meta.get_field("dialogue").related_model._meta.db_table
    sql = f"""
        WITH q (rec, term, weight, day) AS (VALUES {", ".join(values)})
        SELECT rec, cand FROM (
            SELECT q.rec AS rec, t.recommendation_id AS cand,
                   ROW_NUMBER() OVER (PARTITION BY q.rec ORDER BY SUM(q.weight) DESC, t.recommendation_id) AS n
            FROM q
            JOIN {term_table} t ON t.term = q.term
            JOIN {dialogue_table} d ON d.id = t.dialogue_id
            WHERE d.start_date {"<" if earlier_only else "<>"} q.day
            GROUP BY q.rec, t.recommendation_id
        ) ranked
        WHERE n <= %s"""  # noqa: S608 - table names from the models; every value is a parameter
    found = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, CANDIDATES_EACH])
        for rec_id, candidate in cursor.fetchall():
            found[rec_id].append(candidate)
    return found


def _linked_pairs(ids: set[int]) -> set[tuple[int, int]]:
    """Pairs among these recommendations that already have a link, in any state, either way round."""
    rows = RecurrenceLink.objects.filter(earlier_id__in=ids, later_id__in=ids).values_list("earlier_id", "later_id")
    return {pair for earlier, later in rows for pair in ((earlier, later), (later, earlier))}


# --- Staff decisions and links by hand ---------------------------------------------------------


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "an unknown date"


def _label(rec: Recommendation) -> str:
    return f"#{rec.pk} ({rec.dialogue.title}, {date_format(rec.dialogue.start_date)})"


def validate_link(*, earlier: Recommendation, later: Recommendation, adding: Iterable[tuple[int, int]] = ()) -> None:
    """Raise ``ValidationError`` unless ``later`` may be confirmed as a repetition of ``earlier``.

    ``adding`` are links being confirmed in the same decision, counted for cycles.
    """
    if earlier.pk == later.pk:
        raise ValidationError("A recommendation cannot repeat itself: choose two different recommendations.",
                              code="self")
    if earlier.dialogue.start_date >= later.dialogue.start_date:
        raise ValidationError(
            f"The first raised must come from an earlier dialogue: {_label(earlier)} did not start before "
            f"{_label(later)}.", code="not_earlier")
    path = _path(later.pk, earlier.pk, adding)
    if path:
        raise ValidationError(
            f"Linking {_label(later)} to {_label(earlier)} would make a cycle: confirmed links already lead "
            f"from #{later.pk} to #{earlier.pk} ({' → '.join(f'#{pk}' for pk in path)}).", code="cycle")


def _path(start: int, goal: int, adding: Iterable[tuple[int, int]]) -> list[int]:
    """A path from ``start`` to ``goal`` along confirmed links (earlier → later), or []."""
    extra = defaultdict(set)
    for e, later in adding:
        extra[e].add(later)
    came_from, frontier = {start: None}, {start}
    while frontier:
        nexts = defaultdict(set)
        for e, later in RecurrenceLink.objects.confirmed().filter(earlier_id__in=frontier).values_list(
                "earlier_id", "later_id"):
            nexts[e].add(later)
        for e in frontier:
            nexts[e] |= extra.get(e, set())
        frontier = set()
        for e, laters in nexts.items():
            for later in laters - came_from.keys():
                came_from[later] = e
                frontier.add(later)
        if goal in came_from:
            path, node = [], goal
            while node is not None:
                path.append(node)
                node = came_from[node]
            return path[::-1]
    return []


@transaction.atomic
def decide_links(*, link_ids: Iterable[int], decision: str, decided_by) -> list[RecurrenceLink]:
    """Confirm or reject suggested links, all or none.

    Raises ``ValidationError`` and changes nothing if any link is no longer a suggestion (someone
    decided it meanwhile) or, when confirming, would break the rules of ``validate_link``.
    """
    if decision not in (LinkStatus.CONFIRMED, LinkStatus.REJECTED):
        raise ValidationError(f"Unknown decision {decision!r}: confirm or reject.")
    ids = sorted(set(link_ids))
    # Lock the rows: two staff deciding at once must not both believe they decided first.
    locked = set(RecurrenceLink.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
    if len(locked) != len(ids):
        raise ValidationError("Some of these links no longer exist. Nothing was changed.")
    links = list(RecurrenceLink.objects.filter(pk__in=ids).select_related(
        "earlier__dialogue", "later__dialogue", "decided_by").order_by("pk"))
    stale = [link for link in links if link.status != LinkStatus.SUGGESTED]
    if stale:
        raise ValidationError(
            "Already decided meanwhile, so no longer a suggestion: "
            + "; ".join(f"link #{link.pk} was {link.get_status_display().lower()} by "
                        f"{link.decided_by or 'someone'} on {_when(link.decided_at)}" for link in stale)
            + ". Nothing was changed.", code="stale")
    now = timezone.now()
    if decision == LinkStatus.CONFIRMED:
        adding = []
        for link in links:
            validate_link(earlier=link.earlier, later=link.later, adding=adding)
            adding.append((link.earlier_id, link.later_id))
    for link in links:
        link.status, link.decided_by, link.decided_at = decision, decided_by, now
    RecurrenceLink.objects.bulk_update(links, ["status", "decided_by", "decided_at"])
    if decision == LinkStatus.CONFIRMED:
        rebuild_chains({pk for link in links for pk in (link.earlier_id, link.later_id)})
        DataVersion.objects.bump()
    return links


def refuse_decided_pair(*, earlier: Recommendation, later: Recommendation, lock: bool = False
                        ) -> RecurrenceLink | None:
    """Return the pending suggestion of this pair, if any; raise ``ValidationError`` if the pair was
    already confirmed or rejected."""
    links = RecurrenceLink.objects.filter(Q(earlier=earlier, later=later) | Q(earlier=later, later=earlier))
    existing = (links.select_for_update() if lock else links).first()
    if existing is not None and existing.status != LinkStatus.SUGGESTED:
        raise ValidationError(
            f"These two are already {existing.get_status_display().lower()} (link #{existing.pk}, by "
            f"{existing.decided_by or 'someone'} on {_when(existing.decided_at)}). Nothing was changed.",
            code="decided")
    return existing


@transaction.atomic
def link_by_hand(*, earlier: Recommendation, later: Recommendation, linked_by, note: str = "") -> RecurrenceLink:
    """Record that ``later`` repeats ``earlier``, confirmed at once; a pending suggestion of the pair
    is confirmed. Raises ``ValidationError`` and changes nothing if the link breaks a rule or the pair
    was already decided."""
    earlier = Recommendation.objects.select_related("dialogue").get(pk=earlier.pk)
    later = Recommendation.objects.select_related("dialogue").get(pk=later.pk)
    validate_link(earlier=earlier, later=later)
    existing = refuse_decided_pair(earlier=earlier, later=later, lock=True)
    if existing is not None:
        decide_links(link_ids=[existing.pk], decision=LinkStatus.CONFIRMED, decided_by=linked_by)
        if note:
            RecurrenceLink.objects.filter(pk=existing.pk).update(note=note[:500])
        existing.refresh_from_db()
        return existing
    link = RecurrenceLink.objects.create(earlier=earlier, later=later, status=LinkStatus.CONFIRMED,
                                         origin=LinkOrigin.BY_HAND, decided_by=linked_by,
                                         decided_at=timezone.now(), note=note[:500])
    rebuild_chains({earlier.pk, later.pk})
    DataVersion.objects.bump()
    return link


def rebuild_chains(recommendation_ids: set[int]) -> int:
    """Rewrite the chain entries of the chains these recommendations belong to; return how many
    entries the chains hold now."""
    members, frontier = set(recommendation_ids), set(recommendation_ids)
    edges = set()
    while frontier:
        found = set(RecurrenceLink.objects.confirmed().touching(frontier).values_list("earlier_id", "later_id"))
        edges |= found
        frontier = {pk for pair in found for pk in pair} - members
        members |= frontier
    parent = {pk: pk for pk in members}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    for e, later in edges:
        parent[root(e)] = root(later)
    chains = defaultdict(list)
    for pk in members:
        chains[root(pk)].append(pk)
    days = dict(Recommendation.objects.filter(pk__in=members).values_list("pk", "dialogue__start_date"))
    entries = []
    for chain in chains.values():
        if len(chain) < 2:
            continue
        chain.sort(key=lambda pk: (days[pk], pk))
        first = chain[0]
        entries += [ChainEntry(recommendation_id=pk, first_raised_id=first, first_raised_date=days[first],
                               repetitions=len(chain) - 1, position=n, is_latest=n == len(chain))
                    for n, pk in enumerate(chain, start=1)]
    ChainEntry.objects.filter(recommendation_id__in=members).delete()
    ChainEntry.objects.bulk_create(entries)
    return len(entries)


def rebuild_all_chains() -> int:
    """Rewrite every chain entry from the confirmed links (after dialogue dates were corrected)."""
    linked = set(RecurrenceLink.objects.confirmed().values_list("earlier_id", flat=True))
    linked |= set(RecurrenceLink.objects.confirmed().values_list("later_id", flat=True))
    ChainEntry.objects.all().delete()
    return rebuild_chains(linked) if linked else 0
