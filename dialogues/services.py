"""Storing parsed reports: resolve actors and upsert on natural keys, in one transaction.

Storing knows nothing of text layouts: it takes the records ``dialogues.ingest`` made.
Loading the same files again changes nothing; a changed document updates its records in
place and never touches the status history staff recorded.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from actors.models import Actor, ActorAlias, ActorKind, normalise_name
from dialogues.ingest import Gazetteer
from dialogues.ingest.records import (
    ActorMention,
    GazetteerEntry,
    IndicatorRecord,
    ParsedDocument,
    RecommendationRecord,
)
from dialogues.ingest.text import content_words, overlap
from dialogues.models import Dialogue, DialogueSeries, Document, PriorityIssue, SdgGoal, Theme
from recommendations.indicators import validate_period
from recommendations.models import (
    DataVersion,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationCountry,
    Responsibility,
)
from recommendations.services import refresh_search_index
from recurrence.services import suggest_for_documents

DOCUMENT_KIND_BY_DIALOGUE_KIND = {
    "policy dialogue": "summary report",
    "side meeting": "meeting report",
    "progress report": "progress report",
    "sector working group report": "SWG report",
    "news": "news",
}


@dataclass
class DocumentReport:
    """What loading one document did (or, in a dry run, would do)."""

    source_name: str
    state: str = "new"  # new | updated | unchanged
    counts: Counter = field(default_factory=Counter)
    changes: list[str] = field(default_factory=list)
    copy_of: str = ""  # the loaded document this file is an exact copy of, under another name

    def line(self) -> str:
        """Return the one-line summary printed at normal verbosity."""
        if self.copy_of:
            return f"{self.source_name}: unchanged: the same file as {self.copy_of}, loaded already; nothing loaded"
        c = self.counts
        parts = [
            f"{c['themes']} themes",
            f"{c['priority_issues']} priority issues",
            f"{c['recommendations']} recommendations ({c['summary']} summary)",
            f"{c['actors']} actors",
            f"{c['indicators']} indicators",
        ]
        detail = ""
        if self.state == "updated":
            detail = (f"; {c['created']} added, {c['updated']} changed, {c['removed']} removed, "
                      f"{c['kept_with_history']} kept for their status history")
        if c["new_actors_for_review"]:
            detail += f"; {c['new_actors_for_review']} new actors to review"
        return f"{self.source_name}: {self.state}: " + ", ".join(parts) + detail


@dataclass
class LoadReport:
    """What a load did, document by document."""

    documents: list[DocumentReport] = field(default_factory=list)
    dry_run: bool = False

    def summary(self) -> str:
        """Return the lines the command prints."""
        lines = [d.line() for d in self.documents]
        totals = Counter()
        for d in self.documents:
            totals[d.state] += 1
        lines.append(
            f"{'Dry run: nothing written. ' if self.dry_run else ''}"
            f"{len(self.documents)} documents: {totals['new']} new, {totals['updated']} updated, "
            f"{totals['unchanged']} unchanged."
        )
        return "\n".join(lines)


class ActorResolver:
    """Turns names as written into Actor rows: staff's overrides first, then the gazetteer, then
    known aliases, else a new actor."""

    def __init__(self, gazetteer: Gazetteer, overrides: dict[str, Actor] | None = None):
        self.gazetteer = gazetteer
        self.by_name: dict[str, Actor] = {}
        self.created_for_review: list[Actor] = []
        self._aliases: dict[str, Actor] | None = None
        self._overrides = {normalise_name(name): actor for name, actor in (overrides or {}).items()}

    def sync_gazetteer(self) -> None:
        """Make sure every gazetteer entry is an actor; fill blanks, never overwrite staff edits."""
        existing = {a.name: a for a in Actor.objects.all()}
        entries = list(self.gazetteer.entries)
        for entry in entries:
            actor = existing.get(entry.name)
            if actor is None:
                actor = Actor.objects.create(
                    name=entry.name, slug=self._unique_slug(entry.acronym or entry.name, entry.name),
                    acronym=entry.acronym, kind=entry.kind or ActorKind.OTHER, country=entry.country,
                )
                existing[entry.name] = actor
            self.by_name[entry.name] = actor
        for entry in entries:
            actor = self.by_name[entry.name]
            parent = self.by_name.get(entry.parent) if entry.parent else None
            if parent is not None and actor.parent_id is None and parent.pk != actor.pk:
                actor.parent = parent
                actor.save(update_fields=["parent"])
            known = set(actor.aliases.values_list("normalised", flat=True))
            for alias in entry.aliases:
                key = normalise_name(alias)
                if key and key not in known and not ActorAlias.objects.filter(normalised=key).exists():
                    ActorAlias.objects.create(actor=actor, name=alias)
                    known.add(key)

    def resolve(self, name: str) -> Actor:
        """Return the actor a name means, creating one marked for review if nothing matches."""
        key = normalise_name(name)
        if key in self._overrides:
            return self._override(name, key)
        entry: GazetteerEntry | None = self.gazetteer.resolve(name)
        if entry is not None:
            return self.by_name[entry.name]
        if self._aliases is None:
            # Staff merges leave the merged name as an alias: honour it on every later load.
            self._aliases = {a.normalised: a.actor for a in ActorAlias.objects.select_related("actor")}
            self._aliases.update({normalise_name(a.name): a for a in Actor.objects.all()})
        if key in self._aliases:
            return self._aliases[key]
        clean = " ".join(name.split()).strip(" .,;:")
        clean = clean[4:] if clean.lower().startswith("the ") else clean
        actor = Actor.objects.create(name=clean[:255], slug=self._unique_slug(clean, clean),
                                     kind=ActorKind.OTHER, needs_review=True)
        self._aliases[key] = actor
        self.created_for_review.append(actor)
        return actor

    def _override(self, name: str, key: str) -> Actor:
        """Return the actor staff chose for a name, keeping the name as its alias (as a merge does)."""
        actor = self._overrides[key]
        if key != normalise_name(actor.name) and not ActorAlias.objects.filter(normalised=key).exists():
            clean = " ".join(name.split()).strip(" .,;:")
            clean = clean[4:] if clean.lower().startswith("the ") else clean
            ActorAlias.objects.create(actor=actor, name=clean[:255])
            if self._aliases is not None:
                self._aliases[key] = actor
        return actor

    @staticmethod
    def _unique_slug(preferred: str, fallback: str) -> str:
        return _free_slug(Actor, slugify(preferred)[:200] or slugify(fallback)[:200] or "actor")


def load_documents(
    parsed: list[ParsedDocument],
    *,
    gazetteer: Gazetteer,
    dry_run: bool = False,
    actor_overrides: dict[str, int] | None = None,
    reviewed: bool = False,
) -> LoadReport:
    """Store every parsed document, all or nothing; in a dry run, report and roll back.

    ``actor_overrides`` maps names as written to the pk of the existing actor staff chose for
    them: those names resolve to that actor (and become its aliases) instead of a new one.
    ``reviewed`` says the records come from a staff review rather than from the file alone, so a
    document whose file is unchanged is stored again (its reviewed items may differ); without it
    an unchanged file is skipped.
    """
    report = LoadReport(dry_run=dry_run)
    with transaction.atomic():
        resolver = ActorResolver(gazetteer, _override_actors(actor_overrides or {}))
        resolver.sync_gazetteer()
        for doc in parsed:
            report.documents.append(_load_one(doc, resolver, reviewed=reviewed))
        if not dry_run:  # in the load's transaction: a load and its suggested repeats land together
            suggest_for_documents([d.source_name for d in report.documents if d.state != "unchanged"])
        DataVersion.objects.bump()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _override_actors(overrides: dict[str, int]) -> dict[str, Actor]:
    """Return the actors staff chose, by name as written; an unknown actor stops the load."""
    actors = Actor.objects.in_bulk(set(overrides.values()))
    for name, pk in overrides.items():
        if pk not in actors:
            raise LoadError(f"“{name}” is mapped to actor #{pk}, which does not exist (any more).")
    return {name: actors[pk] for name, pk in overrides.items()}


def _load_one(doc: ParsedDocument, resolver: ActorResolver, *, reviewed: bool = False) -> DocumentReport:
    """Upsert one document and everything under it."""
    source = doc.source
    report = DocumentReport(source_name=source.path.name)
    report.counts.update(
        themes=len(doc.themes), priority_issues=len(doc.priority_issues),
        recommendations=len(doc.recommendations),
        summary=sum(r.is_summary for r in doc.recommendations), indicators=len(doc.indicators),
    )
    existing = Document.objects.filter(source_name=source.path.name).select_related("dialogue").first()
    if existing is not None and existing.checksum == source.checksum and not reviewed:
        report.state = "unchanged"
        report.counts["actors"] = Actor.objects.filter(
            responsibilities__recommendation__document=existing).distinct().count()
        return report
    if existing is None:
        # The same bytes under another file name would otherwise load every recommendation twice.
        copy = Document.objects.filter(checksum=source.checksum).select_related("dialogue").defer("text").first()
        if copy is not None:
            report.state = "unchanged"
            report.copy_of = (f"the document “{copy.title}” ({copy.source_name}) of the dialogue "
                              f"“{copy.dialogue.title}”")
            return report
    before = len(resolver.created_for_review)
    dialogue = _upsert_dialogue(doc, resolver, existing.dialogue if existing else None)
    document = _upsert_document(doc, dialogue, existing)
    report.state = "updated" if existing else "new"
    themes = {name: _theme(name) for name in {*doc.themes, *(r.theme for r in doc.recommendations if r.theme),
                                              *(i.theme for i in doc.priority_issues)}}
    issues = {}
    for issue in doc.priority_issues:
        issues[(issue.theme, issue.number)], _ = PriorityIssue.objects.update_or_create(
            dialogue=dialogue, theme=themes[issue.theme], number=issue.number,
            defaults={"text": issue.text, "document": document,
                      "line_start": issue.line_span[0], "line_end": issue.line_span[1]},
        )
    if doc.network:
        network = resolver.resolve(doc.network)
        for name in doc.members:
            member = resolver.resolve(name)
            if member.pk != network.pk:
                member.member_of.add(network)
    recs = _upsert_recommendations(doc, dialogue, document, themes, issues, resolver, report)
    _upsert_indicators(doc.indicators, dialogue, document, themes)
    _link_indicators(dialogue, recs)
    refresh_search_index([r.pk for r in recs.values()])
    report.counts["actors"] = Actor.objects.filter(
        responsibilities__recommendation__document=document).distinct().count()
    report.counts["new_actors_for_review"] = len(resolver.created_for_review) - before
    return report


def _theme(name: str) -> Theme:
    theme = Theme.objects.filter(name__iexact=name).first()
    if theme is None:
        theme = Theme.objects.create(name=name, slug=_free_slug(Theme, slugify(name)[:100] or "theme"))
    return theme


def _free_slug(model, base: str) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... whichever no row of ``model`` uses yet."""
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _upsert_dialogue(doc: ParsedDocument, resolver: ActorResolver, current: Dialogue | None) -> Dialogue:
    meta = doc.source.sidecar
    series = None
    if meta.series:
        series, _ = DialogueSeries.objects.get_or_create(
            name=meta.series, defaults={"slug": _free_slug(DialogueSeries, slugify(meta.series)[:200])})
    if current is None and series is not None and meta.edition is not None:
        current = Dialogue.objects.filter(series=series, edition=meta.edition).first()
    if current is None:
        current = Dialogue.objects.filter(title=meta.title, start_date=meta.start_date).first()
    dialogue = current or Dialogue()
    dialogue.series, dialogue.edition = series, meta.edition
    dialogue.title, dialogue.kind = meta.title, meta.kind
    dialogue.start_date, dialogue.end_date = meta.start_date, meta.end_date
    dialogue.place, dialogue.country = meta.place, meta.country
    dialogue.language, dialogue.source_url = meta.language, meta.source_url
    dialogue.published = meta.published
    dialogue.participation = dict(doc.participation)
    dialogue.default_addressee = resolver.resolve(meta.default_addressee) if meta.default_addressee else None
    if not dialogue.slug:
        dialogue.slug = _free_slug(Dialogue, f"{slugify(meta.title)[:180]}-{meta.start_date:%Y}")
    dialogue.save()
    dialogue.organisers.set([resolver.resolve(name) for name in meta.organisers])
    return dialogue


def _upsert_document(doc: ParsedDocument, dialogue: Dialogue, current: Document | None) -> Document:
    meta = doc.source.sidecar
    document = current or Document(source_name=doc.source.path.name)
    document.dialogue = dialogue
    document.title = meta.title
    document.kind = meta.document_kind or DOCUMENT_KIND_BY_DIALOGUE_KIND.get(meta.kind, "summary report")
    document.published_on = meta.published_on or meta.end_date or meta.start_date
    document.checksum = doc.source.checksum
    document.text = doc.source.text
    document.language, document.source_url = meta.language, meta.source_url
    document.save()
    return document


def _upsert_recommendations(doc, dialogue, document, themes, issues, resolver, report) -> dict:
    """Create, update or retire the document's recommendations; return them by key."""
    current = {r.key: r for r in Recommendation.objects.filter(document=document)}
    by_text = {r.text: r for r in current.values()}
    stored: dict[str, Recommendation] = {}
    for record in doc.recommendations:
        rec = current.pop(record.key, None)
        if rec is None and record.text in by_text and by_text[record.text].key in current:
            rec = current.pop(by_text[record.text].key)  # moved within the document: same record
        values = _recommendation_values(record, dialogue, document, themes, issues)
        if rec is None:
            rec = Recommendation.objects.create(**values)
            report.counts["created"] += 1
        else:
            changed = [name for name, value in values.items() if getattr(rec, name) != value]
            if changed:
                for name in changed:
                    setattr(rec, name, values[name])
                rec.save(update_fields=[*changed, "updated_at"])
                report.counts["updated"] += 1
                report.changes.append(f"{record.key}: {', '.join(changed)}")
        _sync_relations(rec, record, resolver)
        stored[record.key] = rec
    for leftover in current.values():
        if leftover.status_updates.exists():
            report.counts["kept_with_history"] += 1  # staff history is never lost
            stored[leftover.key] = leftover
        else:
            leftover.delete()
            report.counts["removed"] += 1
    for record in doc.recommendations:
        if record.repeats:
            stored[record.key].repeats.set([stored[k] for k in record.repeats if k in stored])
    return stored


def _recommendation_values(record: RecommendationRecord, dialogue, document, themes, issues) -> dict:
    return {
        "dialogue": dialogue, "document": document, "key": record.key, "text": record.text,
        "section": record.section[:500], "line_start": record.line_span[0], "line_end": record.line_span[1],
        "theme": themes.get(record.theme) if record.theme else None,
        "priority_issue": issues.get((record.theme, record.issue_number)) if record.issue_number else None,
        "kind": record.kind, "is_summary": record.is_summary,
    }


def _sync_relations(rec: Recommendation, record: RecommendationRecord, resolver: ActorResolver) -> None:
    """Make responsibilities, countries and SDG goals match the record."""
    wanted: dict[int, str] = {}
    for mention in _ordered_mentions(record.actors):
        actor = resolver.resolve(mention.name)
        wanted.setdefault(actor.pk, mention.role)  # the first (strongest) role wins
    have = {r.actor_id: r for r in rec.responsibilities.all()}
    for actor_id, resp in have.items():
        if actor_id not in wanted:
            resp.delete()
        elif resp.role != wanted[actor_id]:
            resp.role = wanted[actor_id]
            resp.save(update_fields=["role"])
    Responsibility.objects.bulk_create(
        [Responsibility(recommendation=rec, actor_id=actor_id, role=role)
         for actor_id, role in wanted.items() if actor_id not in have]
    )
    countries = set(record.countries)
    have_countries = set(rec.countries.values_list("country", flat=True))
    rec.countries.exclude(country__in=countries).delete()
    RecommendationCountry.objects.bulk_create(
        [RecommendationCountry(recommendation=rec, country=c) for c in sorted(countries - have_countries)]
    )
    rec.sdg_goals.set(SdgGoal.objects.filter(number__in=record.sdg_goals))


def _ordered_mentions(mentions: tuple[ActorMention, ...]) -> list[ActorMention]:
    rank = {"lead": 0, "support": 1, "addressee": 2}
    return sorted(mentions, key=lambda m: rank.get(m.role, 3))


class LoadError(Exception):
    """A parsed record the database must not hold; the message names the file and line."""


def _upsert_indicators(records: tuple[IndicatorRecord, ...], dialogue, document, themes) -> None:
    """Store indicators and their values; a value that breaks the rules stops the whole load."""
    for record in records:
        seen: dict[tuple[str, str], int] = {}
        for value in record.values:
            where = f"{document.source_name}:{value.line}"
            if (value.period, value.kind) in seen:
                raise LoadError(
                    f"{where}: a second {value.kind} for “{record.name}” in {value.period} "
                    f"(the first is on line {seen[value.period, value.kind]})."
                )
            seen[value.period, value.kind] = value.line
            try:
                validate_period(value.period)
            except ValidationError as exc:
                raise LoadError(f"{where}: {record.name}, {value.kind}: {' '.join(exc.messages)}") from None
            if value.value is None and value.raw.strip():
                raise LoadError(f"{where}: “{value.raw}” is not a number ({record.name}, {value.period}).")
    for record in records:
        indicator = Indicator.objects.filter(dialogue=dialogue, name=record.name).first() or Indicator(
            dialogue=dialogue, name=record.name,
            slug=_free_slug(Indicator, f"{slugify(record.name)[:150]}-{dialogue.start_date:%Y}"),
        )
        indicator.unit, indicator.direction = record.unit, record.direction
        indicator.document, indicator.reported_group = document, record.reported_group
        indicator.reported_status = record.reported_status
        indicator.theme = themes.get(record.theme) if record.theme else None
        indicator.line_start, indicator.line_end = record.line_span
        indicator.save()
        for value in record.values:
            row = IndicatorValue.objects.filter(indicator=indicator, period=value.period, kind=value.kind).first()
            row = row or IndicatorValue(indicator=indicator, period=value.period, kind=value.kind)
            row.value, row.raw, row.as_of, row.source_line = value.value, value.raw[:100], value.as_of, value.line
            try:
                row.full_clean()
            except ValidationError as exc:
                raise LoadError(
                    f"{document.source_name}:{value.line}: {record.name}, {value.kind} {value.period}: "
                    + " ".join(exc.messages)
                ) from None
            row.save()


def _link_indicators(dialogue: Dialogue, recs: dict[str, Recommendation]) -> None:
    """Link each indicator of the dialogue to the recommendations (and their issues) it measures.

    An indicator measures a recommendation whose wording shares at least two of its content words
    and at least half of the smaller word set ("Immunization rate for Penta 3" ~ "... immunization
    services for children ...").
    """
    texts = {key: content_words(rec.text) for key, rec in recs.items()}
    for indicator in Indicator.objects.filter(dialogue=dialogue):
        words = content_words(indicator.name)
        measured = [recs[key] for key, rec_words in texts.items()
                    if len(words & rec_words) >= 2 and overlap(words, rec_words) >= 0.5]
        indicator.recommendations.set(measured)
        indicator.priority_issues.set({rec.priority_issue_id for rec in measured if rec.priority_issue_id})
