"""Pure parsing core: report files + TOML sidecars -> plain records. No Django here.

Public API::

    read_sources(paths) -> list[SourceDocument]
    scan_sources(paths) -> SourceScan          # .documents, .skipped: ((path, reason), ...)
    source_from_upload(name, data, sidecar) -> SourceDocument
    pdf_text(path, data) -> str                # a PDF's text layer
    parse_document(source, gazetteer=None, themes=None) -> ParsedDocument
    load_gazetteer(path) -> Gazetteer          # Gazetteer.resolve(name), Gazetteer.entries
    load_themes(path) -> ThemeCatalogue        # ThemeCatalogue.classify(text)
    to_json(parsed, gazetteer) -> dict         # the ``--format json`` output
"""

from .export import to_json
from .gazetteer import (
    Gazetteer,
    SdgCatalogue,
    ThemeCatalogue,
    default_gazetteer,
    default_sdgs,
    default_themes,
    load_gazetteer,
    load_sdgs,
    load_themes,
)
from .parse import parse_document
from .pdf import pdf_text
from .records import (
    READER_VERSION,
    ActorMention,
    GazetteerEntry,
    IndicatorRecord,
    IndicatorValueRecord,
    IngestError,
    NarrativeRecord,
    ParsedDocument,
    PriorityIssueRecord,
    RecommendationRecord,
    Sidecar,
    SourceDocument,
)
from .sources import MAX_REPORT_BYTES, SourceScan, read_sources, scan_sources, source_from_upload

__all__ = [
    "ActorMention",
    "Gazetteer",
    "GazetteerEntry",
    "IndicatorRecord",
    "IndicatorValueRecord",
    "IngestError",
    "MAX_REPORT_BYTES",
    "NarrativeRecord",
    "ParsedDocument",
    "PriorityIssueRecord",
    "READER_VERSION",
    "RecommendationRecord",
    "SdgCatalogue",
    "Sidecar",
    "SourceDocument",
    "SourceScan",
    "ThemeCatalogue",
    "default_gazetteer",
    "default_sdgs",
    "default_themes",
    "load_gazetteer",
    "load_sdgs",
    "load_themes",
    "parse_document",
    "pdf_text",
    "read_sources",
    "scan_sources",
    "source_from_upload",
    "to_json",
]
