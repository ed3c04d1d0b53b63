"""Uploading a report in the admin and reviewing what the reader found, before it is stored.

An upload is read and parsed at once and nothing is written to the portal's tables: the file, its
text, the metadata and what the reader found are kept as a draft ``ReportImport``. Staff then edit,
drop and add items and map new actor names onto existing actors; "Save unpublished" and "Publish"
store the reviewed items with ``services.load_documents`` in one transaction.

The review state (``ReportImport.review``) is plain JSON::

    {"revision": int,           # moves on every saved edit, so that a stale page is refused
     "found": {...},            # the ParsedDocument as the reader found it, without its source
     "items": [{"key": str, "origin": "found" | "added", "dropped": bool,
                "text": str, "kind": str, "actors": [{"name": str, "role": str}],
                "section": str, "theme": str, "line_span": [first, last]}],   # the staff's version
     "actor_overrides": {name as written: actor pk}}

The file itself stays with the import (``ReportImport.data``); storing re-reads nothing but the
review, so what staff saw is what is stored.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actors.models import Actor, ActorAlias, normalise_name
from dialogues.ingest import (
    READER_VERSION,
    ActorMention,
    Gazetteer,
    IngestError,
    ParsedDocument,
    RecommendationRecord,
    Sidecar,
    SourceDocument,
    default_gazetteer,
    parse_document,
    sources,
)
from dialogues.models import Document, ImportStatus, ReportImport
from dialogues.services import LoadError, LoadReport, load_documents

ADDED_RULE = "added in review"
# As much of a file as the reader looks at to tell what it is (a .docx lists its members early).
HEAD_BYTES = 64 * 1024


# --- the review state as JSON ---------------------------------------------------------------------


def encode(value):
    """Return a tree of ingest records as plain JSON types (dates ISO, decimals as strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, Decimal | Path):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def decode(kind, value, **given):
    """Return plain JSON ``value`` as an instance of the type ``kind``: the inverse of ``encode``.

    For a record, keys it does not (or no longer) have are ignored and missing ones take their
    defaults; ``given`` supplies fields as they are (a ParsedDocument's source).
    """
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        return decode(next(a for a in args if a is not type(None)), value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        values = {name: decode(hints[name], v) for name, v in value.items() if name in names and name not in given}
        return kind(**values, **given)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], v) for v in value)
        return tuple(decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        return {k: decode(args[1], v) for k, v in value.items()}
    if kind is Decimal:
        return Decimal(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Path:
        return Path(value)
    return value


def review_state(parsed: ParsedDocument) -> dict:
    """Return the review state of a freshly parsed report: every item as the reader found it."""
    found = encode(parsed)
    found.pop("source")
    return {
        "revision": 1,
        "found": found,
        "items": [_item(record) for record in parsed.recommendations],
        "actor_overrides": {},
    }


def _item(record: RecommendationRecord, origin: str = "found") -> dict:
    return {
        "key": record.key, "origin": origin, "dropped": False, "text": record.text, "kind": record.kind,
        "actors": [{"name": m.name, "role": m.role} for m in record.actors],
        "section": record.section, "theme": record.theme, "line_span": list(record.line_span),
    }


def _mentions(actors: list[dict]) -> tuple[ActorMention, ...]:
    return tuple(ActorMention(name=a["name"], role=a["role"]) for a in actors)


def known_actors() -> Gazetteer:
    """Return the actor gazetteer (``fixtures/actors.toml``, read once per process); raise
    ``ValidationError`` when it cannot be read."""
    try:
        return default_gazetteer()
    except IngestError as exc:
        raise ValidationError(f"The actor gazetteer cannot be read, so nothing can be reviewed or stored: {exc}") \
            from None


# --- upload ---------------------------------------------------------------------------------------


def read_upload(upload) -> bytes:
    """Return an uploaded file's bytes; raise ``ValidationError`` before reading a file too large,
    or one whose name or first bytes show it is no report."""
    head = upload.read(HEAD_BYTES)
    try:
        sources.check_report(Path(upload.name), upload.size, head)
    except IngestError as exc:
        raise ValidationError(_nothing_saved(exc)) from None
    return head + upload.read()


def create_import(
    *, file_name: str, data: bytes, sidecar: Sidecar, uploaded_by, gazetteer: Gazetteer
) -> ReportImport:
    """Read, parse and keep an uploaded report as a draft import; the portal's tables are untouched.

    Raises ``ValidationError`` (and saves nothing) for a file the reader refuses, a file already
    loaded, a report in which nothing looks like a recommendation (unless the metadata allows
    none), or one whose records the database could not hold.
    """
    try:
        source = sources.source_from_upload(file_name, data, sidecar)
        parsed = parse_document(source, gazetteer)
    except IngestError as exc:
        raise ValidationError(_nothing_saved(exc)) from None
    refuse_loaded_twice(checksum=source.checksum)
    if not parsed.recommendations and not sidecar.allow_empty:
        raise ValidationError(
            f"{file_name}: the reader found nothing that looks like a recommendation (a sentence saying "
            f"who should do what, or a list under a heading such as “Recommendations”). Nothing was "
            f"saved. If the report holds none, tick “Holds no recommendation”."
        )
    try:
        # Indicator values that break the rules stop a load: say so now, not at publishing.
        load_documents([parsed], gazetteer=gazetteer, dry_run=True)
    except LoadError as exc:
        raise ValidationError(_nothing_saved(exc)) from None
    return ReportImport.objects.create(
        file_name=file_name, data=data, checksum=source.checksum, size=len(data), text=source.text,
        uploaded_by=uploaded_by, reader_version=READER_VERSION, sidecar=encode(sidecar),
        review=review_state(parsed),
    )


def _nothing_saved(exc: Exception) -> str:
    message = str(exc).rstrip()
    return f"{message}{'' if message.endswith('.') else '.'} Nothing was saved."


def refuse_loaded_twice(*, checksum: str, report_import: ReportImport | None = None) -> None:
    """Raise ``ValidationError`` naming the import or document that already holds this file."""
    earlier = ReportImport.objects.loaded().filter(checksum=checksum).select_related("dialogue").defer(
        "data", "text", "review")
    if report_import is not None:
        earlier = earlier.exclude(pk=report_import.pk)
    earlier = earlier.first()
    if earlier is not None:
        dialogue = f" as the dialogue “{earlier.dialogue.title}”" if earlier.dialogue else ""
        raise ValidationError(
            f"This file was imported already: “{earlier.file_name}” (import #{earlier.pk}, "
            f"{earlier.get_status_display().lower()}{dialogue}). Nothing was saved."
        )
    if report_import is not None and report_import.status != ImportStatus.DRAFT:
        return  # its own document holds the checksum
    document = Document.objects.filter(checksum=checksum).select_related("dialogue").defer("text").first()
    if document is not None:
        raise ValidationError(
            f"This file is loaded already: it is the document “{document.title}” ({document.source_name}) "
            f"of the dialogue “{document.dialogue.title}”. Nothing was saved."
        )


# --- review ---------------------------------------------------------------------------------------


@transaction.atomic
def save_review(
    *,
    report_import: ReportImport,
    revision: int,
    edits: list[dict],
    added: dict | None = None,
    actor_overrides: dict[str, int],
) -> ReportImport:
    """Keep staff's edits in the import's review state; refuse if someone else saved it meanwhile.

    ``edits`` holds one dict per item (``key``, ``text``, ``kind``, ``actors``, ``dropped``);
    ``added`` a new item (``text``, ``kind``, ``actors``, ``line_span``); ``actor_overrides`` the
    complete mapping of new names to existing actors.
    """
    locked = ReportImport.objects.select_for_update().get(pk=report_import.pk)
    if locked.status == ImportStatus.PUBLISHED:
        raise ValidationError("This import is published: edit its recommendations in the admin instead.")
    state = locked.review
    if state["revision"] != revision:
        raise ValidationError(
            "Someone else saved this review after you opened it: reload the page and make your edits again."
        )
    by_key = {item["key"]: item for item in state["items"]}
    for edit in edits:
        item = by_key.get(edit["key"])
        if item is None:
            raise ValidationError(f"There is no item {edit['key']!r} in this review: reload the page.")
        item.update(text=edit["text"], kind=edit["kind"], actors=edit["actors"], dropped=edit["dropped"])
    if added:
        state["items"].append(_added_item(state, added))
    missing = set(actor_overrides.values()) - set(Actor.objects.filter(pk__in=actor_overrides.values())
                                                  .values_list("pk", flat=True))
    if missing:
        raise ValidationError("An actor chosen for a new name no longer exists: reload the page.")
    state["actor_overrides"] = dict(actor_overrides)
    state["revision"] += 1
    locked.review = state
    locked.save(update_fields=["review"])
    return locked


def _added_item(state: dict, added: dict) -> dict:
    """Return a staff-added item, placed in the section (and theme) of the found item before it."""
    first, last = added["line_span"]
    n = 1 + sum(item["origin"] == "added" for item in state["items"])
    taken = {item["key"] for item in state["items"]}
    while f"added-{n}" in taken:
        n += 1
    before = [item for item in state["items"] if item["origin"] == "found" and item["line_span"][0] <= first]
    neighbour = max(before, key=lambda item: item["line_span"][0], default=None)
    return {
        "key": f"added-{n}", "origin": "added", "dropped": False, "text": added["text"], "kind": added["kind"],
        "actors": added["actors"], "line_span": [first, last],
        "section": neighbour["section"] if neighbour else "", "theme": neighbour["theme"] if neighbour else "",
    }


def reviewed_document(report_import: ReportImport, *, publish: bool) -> ParsedDocument:
    """Return the ParsedDocument the review stands for: the reader's records with staff's edits,
    without the items dropped, with the items added, and the dialogue published or not."""
    sidecar = replace(decode(Sidecar, report_import.sidecar), published=publish)
    source = SourceDocument(path=Path(report_import.file_name), text=report_import.text,
                            checksum=report_import.checksum, sidecar=sidecar)
    found = decode(ParsedDocument, report_import.review["found"], source=source)
    records = {record.key: record for record in found.recommendations}
    kept = []
    for item in report_import.review["items"]:
        if item["dropped"]:
            continue
        record = records.get(item["key"]) if item["origin"] == "found" else None
        if record is None:
            record = RecommendationRecord(key=item["key"], text=item["text"], section=item["section"],
                                          line_span=tuple(item["line_span"]), theme=item["theme"],
                                          rule=ADDED_RULE)
        kept.append(replace(record, text=item["text"], kind=item["kind"], actors=_mentions(item["actors"])))
    return replace(found, recommendations=tuple(kept))


def load_import(*, report_import: ReportImport, publish: bool, loaded_by, gazetteer: Gazetteer) -> LoadReport:
    """Store the reviewed report in the portal, all or nothing, and link the import to its dialogue.

    "Save unpublished" (``publish=False``) keeps the dialogue a draft; it can be reviewed further
    and published later. A changed version of a loaded document (same file name) updates it in
    place and keeps the status history staff recorded. Raises ``ValidationError`` and changes
    nothing when the file was loaded meanwhile or its records cannot be stored.
    """
    with transaction.atomic():
        locked = ReportImport.objects.select_for_update().get(pk=report_import.pk)
        if locked.status == ImportStatus.PUBLISHED:
            raise ValidationError("This import is published already.")
        refuse_loaded_twice(checksum=locked.checksum, report_import=locked)
        parsed = reviewed_document(locked, publish=publish)
        overrides = {name: int(pk) for name, pk in locked.review["actor_overrides"].items()}
        try:
            report = load_documents([parsed], gazetteer=gazetteer, actor_overrides=overrides, reviewed=True)
        except LoadError as exc:
            raise ValidationError(_nothing_saved(exc)) from None
        document = Document.objects.defer("text").get(source_name=parsed.source.path.name)
        locked.status = ImportStatus.PUBLISHED if publish else ImportStatus.SAVED
        locked.dialogue_id = document.dialogue_id
        locked.loaded_by, locked.loaded_at = loaded_by, timezone.now()
        try:
            with transaction.atomic():
                locked.save(update_fields=["status", "dialogue", "loaded_by", "loaded_at"])
        except IntegrityError:
            raise ValidationError("Another import of this file was saved meanwhile. Nothing was saved.") from None
    return report


# --- what the review page shows -------------------------------------------------------------------


@dataclass(frozen=True)
class ActorMatch:
    """How a name as written would be stored: a known actor, a new one, or one staff chose."""

    name: str
    state: str  # matched | new | mapped
    canonical: str = ""  # the known or chosen actor's name

    @property
    def label(self) -> str:
        if self.state == "new":
            return "new"
        return f"{self.state}: {self.canonical}"


def match_actors(names: list[str], *, gazetteer: Gazetteer, overrides: dict[str, int],
                 actors: dict[int, str]) -> dict[str, ActorMatch]:
    """Return, by name as written, what loading would make of each name (as the loader resolves them).

    ``actors`` maps every actor's pk to its name. One query, for the aliases of these names.
    """
    overrides = {normalise_name(name): pk for name, pk in overrides.items()}
    keys = {name: normalise_name(name) for name in names}
    aliases = dict(ActorAlias.objects.filter(normalised__in=set(keys.values())).values_list("normalised", "actor_id"))
    by_name = {normalise_name(name): pk for pk, name in actors.items()}
    matches = {}
    for name, key in keys.items():
        entry = gazetteer.resolve(name)
        if key in overrides and overrides[key] in actors:
            matches[name] = ActorMatch(name, "mapped", actors[overrides[key]])
        elif entry is not None:
            matches[name] = ActorMatch(name, "matched", entry.name)
        elif key in aliases or key in by_name:
            matches[name] = ActorMatch(name, "matched", actors[aliases.get(key) or by_name[key]])
        else:
            matches[name] = ActorMatch(name, "new")
    return matches


def review_names(report_import: ReportImport) -> list[str]:
    """Return every actor name the review would store, in order of first appearance."""
    sidecar = report_import.sidecar
    names = [a["name"] for item in report_import.review["items"] if not item["dropped"] for a in item["actors"]]
    names += [*sidecar.get("organisers", []), sidecar.get("default_addressee", "")]
    found = report_import.review["found"]
    names += [found.get("network", ""), *found.get("members", [])]
    return list(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class SourceLine:
    """One numbered line of the source, with the items whose span covers it."""

    number: int
    text: str
    items: tuple[int, ...]  # the numbers (1-based, as listed) of the items covering the line


def source_lines(text: str, items: list[dict]) -> list[SourceLine]:
    """Return the source's lines numbered as the reader numbers them, each with the items on it."""
    lines = text.replace("\f", "\n").split("\n")
    covering: dict[int, list[int]] = {}
    for n, item in enumerate(items, start=1):
        if not item["dropped"]:
            first, last = item["line_span"]
            for number in range(first, min(last, len(lines)) + 1):
                covering.setdefault(number, []).append(n)
    return [SourceLine(number, line, tuple(covering.get(number, ())))
            for number, line in enumerate(lines, start=1)]


def line_count(text: str) -> int:
    """Return how many lines the reader numbers in a text."""
    return text.replace("\f", "\n").count("\n") + 1
