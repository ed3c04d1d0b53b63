"""Downloads of exactly the filtered list (every page), streamed as CSV or JSON.

Rows come from the list's own FilterSet queryset as plain values, read in chunks with each
chunk's actors and countries, so memory stays bounded however many rows match. Each download
names the query it came from and when it was made in its headers (``provenance_headers``): a
CSV file must stay a plain table for spreadsheets, and the JSON array is the format its readers
already parse. Every column is described in ``opendata/dictionary.py``.
"""

import csv
import json
from collections.abc import Iterator

from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from recommendations.filters import RecommendationFilterSet
from recommendations.models import Recommendation

CHUNK_SIZE = 2000
COLUMNS = ["id", "url", "text", "dialogue", "dialogue date", "document", "section", "line start",
           "line end", "theme", "priority issue number", "actors", "countries", "status", "status as of",
           "kind", "is summary", "indicators", "first raised id", "first raised date", "repetitions"]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Return a cell a spreadsheet will show as text: formula-like strings get a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def export_rows(queryset, url_for) -> Iterator[dict]:
    """One plain dict per recommendation of ``queryset``, keyed by the CSV columns, read in chunks."""
    for rec in queryset.export_values(chunk_size=CHUNK_SIZE):
        yield {
            "id": rec["id"],
            "url": url_for(rec["id"]),
            "text": rec["text"],
            "dialogue": rec["dialogue"],
            "dialogue date": rec["dialogue_date"].isoformat(),
            "document": rec["document"],
            "section": rec["section"],
            "line start": rec["line_start"],
            "line end": rec["line_end"],
            "theme": rec["theme"] or "",
            "priority issue number": rec["priority_issue_number"],
            "actors": rec["actors"],
            "countries": rec["countries"],
            "status": rec["status"],
            "status as of": rec["status_as_of"].isoformat() if rec["status_as_of"] else None,
            "kind": rec["kind"],
            "is summary": rec["is_summary"],
            "indicators": rec["indicators"],
            # Raised once: the recommendation is its own first raising.
            "first raised id": rec["first_raised_id"] or rec["id"],
            "first raised date": (rec["first_raised_date"] or rec["dialogue_date"]).isoformat(),
            "repetitions": rec["repetitions"] or 0,
        }


def _url_builder(request):
    """A fast absolute-URL maker for recommendation pages (reverse once, not per row)."""
    marker = 987654321
    prefix, suffix = request.build_absolute_uri(
        reverse("recommendations:recommendation-detail", args=[marker])).split(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _filterset(request) -> RecommendationFilterSet:
    return RecommendationFilterSet(request.GET, queryset=Recommendation.objects.published())


def provenance_headers(request, filterset: RecommendationFilterSet) -> dict[str, str]:
    """Headers naming the filtered list a download holds (its permalink) and when it was made.

    The permalink carries only the valid, non-empty filters, exactly those the rows were selected
    by; ``Last-Modified`` is the moment the rows were read.
    """
    query = filterset.query.urlencode()
    permalink = request.build_absolute_uri(reverse("recommendations:recommendation-list")) + (
        f"?{query}" if query else "")
    package = request.build_absolute_uri(reverse("opendata:datapackage"))
    return {
        "X-Query-Permalink": permalink,
        "Link": f'<{permalink}>; rel="alternate"; type="text/html", '
                f'<{package}>; rel="describedby"; type="application/json"',
        "Last-Modified": http_date(timezone.now().timestamp()),
    }


# Rows are sent in blocks of about this many characters: one write per block, not per row.
BLOCK_CHARS = 64 * 1024
_NUMBER_COLUMNS = {"id", "line start", "line end", "priority issue number", "first raised id", "repetitions"}
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _in_blocks(pieces: Iterator[str]) -> Iterator[str]:
    """Join many small strings into blocks of about BLOCK_CHARS characters."""
    block, size = [], 0
    for piece in pieces:
        block.append(piece)
        size += len(piece)
        if size >= BLOCK_CHARS:
            yield "".join(block)
            block, size = [], 0
    yield "".join(block)


class _Echo:
    """A file-like object whose ``write`` hands back the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(rows: Iterator[dict]) -> Iterator[str]:
    """The header, then one line per row with formula cells neutralised."""
    writer = csv.writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in rows:
        row["actors"] = "; ".join(f"{a['name']} ({a['role']})" for a in row["actors"])
        row["countries"] = "; ".join(row["countries"])
        row["indicators"] = "; ".join(row["indicators"])
        row["is summary"] = "yes" if row["is summary"] else "no"
        yield writer.writerow([("" if row[c] is None else row[c]) if c in _NUMBER_COLUMNS else neutralise(row[c] or "")
                               for c in COLUMNS])


def _json_lines(rows: Iterator[dict]) -> Iterator[str]:
    """A JSON array, one object per row."""
    yield "[\n"
    first = True
    for row in rows:
        text = json.dumps({k.replace(" ", "_"): v for k, v in row.items()}, ensure_ascii=False)
        # Escaped like Django's json_script: no byte sequence a browser could read as markup.
        yield ("" if first else ",\n") + text.translate(JSON_ESCAPES)
        first = False
    yield "\n]\n"


def export_csv(request):
    """The filtered list as CSV, streamed: every matching row, not one page."""
    filterset = _filterset(request)
    rows = export_rows(filterset.qs, _url_builder(request))
    response = StreamingHttpResponse(_in_blocks(_csv_lines(rows)), content_type="text/csv; charset=utf-8",
                                     headers=provenance_headers(request, filterset))
    response["Content-Disposition"] = 'attachment; filename="recommendations.csv"'
    return response


def export_json(request):
    """The filtered list as a JSON array, streamed: every matching row, not one page."""
    filterset = _filterset(request)
    rows = export_rows(filterset.qs, _url_builder(request))
    response = StreamingHttpResponse(_in_blocks(_json_lines(rows)), content_type="application/json",
                                     headers=provenance_headers(request, filterset))
    response["Content-Disposition"] = 'attachment; filename="recommendations.json"'
    return response
