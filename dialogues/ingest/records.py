"""Plain records the ingest core produces: no Django, no database.

Parsing turns one report (text + TOML sidecar) into a ``ParsedDocument``; storing
(``dialogues.services.load_documents``) turns those records into rows. The two sides
meet only here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

# The reader's version, kept with every import so that staff know which reader produced what they reviewed.
READER_VERSION = "2.0"


class IngestError(Exception):
    """A document cannot be read or parsed; the message names the file (and line)."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Sidecar:
    """Metadata the text cannot give reliably, read from ``<stem>.toml``."""

    title: str
    kind: str  # policy dialogue | side meeting | progress report | sector working group report | news
    start_date: date
    end_date: date | None = None
    series: str = ""
    edition: int | None = None
    place: str = ""
    country: str = ""  # ISO 3166 alpha-2, upper case, or ""
    organisers: tuple[str, ...] = ()
    language: str = "en"
    source_url: str = ""
    default_addressee: str = ""
    published: bool = True
    document_kind: str = ""  # summary report | progress report | SWG report | news
    published_on: date | None = None  # the document's own date, when it differs from the event's
    allow_empty: bool = False  # the report is known to hold no recommendation (e.g. a news item)


@dataclass(frozen=True)
class SourceDocument:
    """One report as read from disk: its path, decoded text, checksum and sidecar."""

    path: Path
    text: str
    checksum: str  # sha256 of the raw bytes
    sidecar: Sidecar


@dataclass(frozen=True)
class ActorMention:
    """An actor named (or implied) for a recommendation, as written in the text."""

    name: str  # the surface form, e.g. "Ministries of Education", "the MUSP"
    role: str = "lead"  # lead | support | addressee


@dataclass(frozen=True)
class PriorityIssueRecord:
    """A numbered problem statement of one dialogue under one theme."""

    theme: str
    number: int
    text: str
    line_span: tuple[int, int]


@dataclass(frozen=True)
class RecommendationRecord:
    """One actionable statement, verbatim, with its place in the source."""

    key: str  # stable within the document: same text and place -> same key
    text: str
    section: str
    line_span: tuple[int, int]  # 1-based, inclusive
    theme: str = ""
    issue_number: int | None = None
    kind: str = "recommendation"  # recommendation | commitment | priority
    actors: tuple[ActorMention, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166 alpha-2
    is_summary: bool = False
    repeats: tuple[str, ...] = ()  # keys of the detailed recommendations a summary item repeats
    sdg_goals: tuple[int, ...] = ()
    rule: str = ""  # the reader's rule that produced the item, e.g. "modal-sentence", "table-row"


@dataclass(frozen=True)
class IndicatorValueRecord:
    """One value of an indicator: a baseline, target or result for a period."""

    period: str  # "2024", or "2024-01/2024-09" for a part of a year
    kind: str  # baseline | target | result | survey (a survey's figure, kept apart from period results)
    value: Decimal | None
    raw: str  # as written in the text
    line: int
    as_of: date | None = None


@dataclass(frozen=True)
class IndicatorRecord:
    """A measurable target with its values and the report's own grouping."""

    name: str
    unit: str
    direction: str  # higher | lower
    values: tuple[IndicatorValueRecord, ...]
    line_span: tuple[int, int]
    theme: str = ""
    reported_group: str = ""  # achieved | tend to meet | tend to fail | ""
    reported_status: str = ""  # the report's own status words, as written ("On track", "Off track")


@dataclass(frozen=True)
class NarrativeRecord:
    """A passage that is evidence rather than a recommendation (progress, challenges, lessons)."""

    heading: str
    text: str
    line_span: tuple[int, int]


@dataclass(frozen=True)
class ParsedDocument:
    """Everything one report yields."""

    source: SourceDocument
    themes: tuple[str, ...] = ()
    priority_issues: tuple[PriorityIssueRecord, ...] = ()
    recommendations: tuple[RecommendationRecord, ...] = ()
    indicators: tuple[IndicatorRecord, ...] = ()
    narratives: tuple[NarrativeRecord, ...] = ()
    members: tuple[str, ...] = ()  # actors a network or alliance reports as its members
    network: str = ""  # the network or alliance those members belong to, as named in the text
    participation: dict[str, int] = field(default_factory=dict)  # e.g. {"participants": 62}
    explanation: tuple[str, ...] = ()  # one line per section role and per skipped passage, for --explain


@dataclass(frozen=True)
class GazetteerEntry:
    """A known actor: canonical name, acronym, aliases, kind, country, parent."""

    name: str
    kind: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""
    parent: str = ""
