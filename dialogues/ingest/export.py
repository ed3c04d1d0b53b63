"""The ``--format json`` view of parsed documents: plain JSON types only (dates ISO, decimals as strings)."""

from __future__ import annotations

from collections.abc import Iterable

from .gazetteer import Gazetteer
from .records import ActorMention, IndicatorRecord, ParsedDocument, RecommendationRecord


def to_json(parsed: Iterable[ParsedDocument], gazetteer: Gazetteer) -> dict:
    """Return parsed documents and the actors they name as one JSON-serialisable dict.

    Schema::

        {
          "documents": [{
            "path": str, "checksum": str (sha256 hex), "title": str, "kind": str,
            "series": str, "edition": int | null,
            "start_date": "YYYY-MM-DD", "end_date": "YYYY-MM-DD" | null,
            "place": str, "country": str (ISO alpha-2 or ""), "published": bool,
            "themes": [str],
            "priority_issues": [{"theme": str, "number": int, "text": str, "line_span": [int, int]}],
            "recommendations": [{
              "key": str, "text": str, "theme": str, "issue_number": int | null, "section": str,
              "kind": "recommendation" | "commitment" | "priority",
              "rule": str (the reader's rule that found the item: "modal-sentence", "table-row", ...),
              "actors": [{"name": str (as written), "role": "lead" | "support" | "addressee",
                          "resolved": str (canonical gazetteer name) | null}],
              "countries": [str (ISO alpha-2)], "line_span": [int, int],
              "is_summary": bool, "repeats": [str (keys)], "sdg_goals": [int]
            }],
            "indicators": [{
              "name": str, "unit": str, "direction": "higher" | "lower", "reported_group": str, "reported_status": str,
              "theme": str, "line_span": [int, int],
              "values": [{"period": str, "kind": "baseline" | "target" | "result" | "survey",
                          "value": str (decimal) | null, "raw": str, "line": int,
                          "as_of": "YYYY-MM-DD" | null}]
            }],
            "narratives": [{"heading": str, "text": str, "line_span": [int, int]}],
            "members": [str], "network": str,
            "participation": {str: int}
          }],
          "actors": [{"name": str (canonical, or as written when unknown), "kind": str,
                      "acronym": str, "matched_by": [str (surface forms)], "known": bool}]
        }

    ``actors`` lists every actor named as responsible, as a member or network, or as an organiser
    or default addressee in a sidecar; unknown ones (``known: false``) have kind "" and are the
    ones to add to the gazetteer.
    """
    documents = list(parsed)
    return {
        "documents": [_document(d, gazetteer) for d in documents],
        "actors": _actors(documents, gazetteer),
    }


def _document(parsed: ParsedDocument, gazetteer: Gazetteer) -> dict:
    """Return one document's JSON object."""
    sidecar = parsed.source.sidecar
    return {
        "path": str(parsed.source.path),
        "checksum": parsed.source.checksum,
        "title": sidecar.title,
        "kind": sidecar.kind,
        "series": sidecar.series,
        "edition": sidecar.edition,
        "start_date": sidecar.start_date.isoformat(),
        "end_date": sidecar.end_date.isoformat() if sidecar.end_date else None,
        "place": sidecar.place,
        "country": sidecar.country,
        "published": sidecar.published,
        "themes": list(parsed.themes),
        "priority_issues": [
            {"theme": i.theme, "number": i.number, "text": i.text, "line_span": list(i.line_span)}
            for i in parsed.priority_issues
        ],
        "recommendations": [_recommendation(r, gazetteer) for r in parsed.recommendations],
        "indicators": [_indicator(i) for i in parsed.indicators],
        "narratives": [
            {"heading": n.heading, "text": n.text, "line_span": list(n.line_span)} for n in parsed.narratives
        ],
        "members": list(parsed.members),
        "network": parsed.network,
        "participation": dict(parsed.participation),
    }


def _actor(mention: ActorMention, gazetteer: Gazetteer) -> dict:
    """Return one actor mention with its canonical name when the gazetteer knows it."""
    entry = gazetteer.resolve(mention.name)
    return {"name": mention.name, "role": mention.role, "resolved": entry.name if entry else None}


def _recommendation(record: RecommendationRecord, gazetteer: Gazetteer) -> dict:
    """Return one recommendation's JSON object."""
    return {
        "key": record.key,
        "text": record.text,
        "theme": record.theme,
        "issue_number": record.issue_number,
        "section": record.section,
        "kind": record.kind,
        "rule": record.rule,
        "actors": [_actor(a, gazetteer) for a in record.actors],
        "countries": list(record.countries),
        "line_span": list(record.line_span),
        "is_summary": record.is_summary,
        "repeats": list(record.repeats),
        "sdg_goals": list(record.sdg_goals),
    }


def _indicator(record: IndicatorRecord) -> dict:
    """Return one indicator's JSON object, values as strings so no precision is lost."""
    return {
        "name": record.name,
        "unit": record.unit,
        "direction": record.direction,
        "reported_group": record.reported_group,
        "reported_status": record.reported_status,
        "theme": record.theme,
        "line_span": list(record.line_span),
        "values": [
            {
                "period": v.period,
                "kind": v.kind,
                "value": str(v.value) if v.value is not None else None,
                "raw": v.raw,
                "line": v.line,
                "as_of": v.as_of.isoformat() if v.as_of else None,
            }
            for v in record.values
        ],
    }


def _actors(documents: list[ParsedDocument], gazetteer: Gazetteer) -> list[dict]:
    """Return every actor the documents name, once each, with the surface forms that matched it."""
    found: dict[str, dict] = {}
    for parsed in documents:
        sidecar = parsed.source.sidecar
        names = [
            *(a.name for r in parsed.recommendations for a in r.actors),
            *parsed.members,
            *([parsed.network] if parsed.network else []),
            *sidecar.organisers,
            *([sidecar.default_addressee] if sidecar.default_addressee else []),
        ]
        for name in names:
            entry = gazetteer.resolve(name)
            key = entry.name if entry else name.strip().lower()
            row = found.setdefault(key, {
                "name": entry.name if entry else name.strip(),
                "kind": entry.kind if entry else "",
                "acronym": entry.acronym if entry else "",
                "matched_by": [],
                "known": entry is not None,
            })
            if name not in row["matched_by"]:
                row["matched_by"].append(name)
    return sorted(found.values(), key=lambda row: (not row["known"], row["name"].lower()))
