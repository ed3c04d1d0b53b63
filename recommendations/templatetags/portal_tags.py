"""Display helpers for the public pages: highlighting, the status chart, source excerpts.

Presentation only: they shape data a view already fetched and never query the database.
"""

import re

from django import template
from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

from recommendations.models import Status

register = template.Library()

_STOP_WORDS = {"or", "and", "the", "of", "to", "a", "an", "in"}
_SUFFIXES = ("ies", "es", "s", "ing", "ed", "y")


def _stem(word: str) -> str:
    """Return a crude stem so a highlight finds "ministry" for "ministries", as search does."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@register.filter
def highlight(text, terms) -> SafeString:
    """Escape ``text``, then wrap the words that match a search term in ``<mark>``.

    Every piece of the stored text is escaped on its own before any markup is added, so
    nothing in the text can become HTML.
    """
    text = "" if text is None else str(text)
    stems = set()
    for term in terms or ():
        if term.startswith("-"):  # a websearch exclusion: nothing to highlight
            continue
        word = re.sub(r"[^\w]+", "", term.lower())
        if len(word) >= 2 and word not in _STOP_WORDS:
            stems.add(_stem(word))
    if not stems:
        return escape(text)
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every fragment above is escaped


@register.filter
def country_name(code) -> str:
    """The English name of an ISO 3166 alpha-2 code (the code itself if unknown)."""
    return countries.name(str(code)) or str(code)


@register.filter
def status_label(value) -> str:
    """The display label of a status value."""
    return dict(Status.choices).get(value, value)


@register.filter
def figures(participation) -> list[tuple[str, str]]:
    """A dialogue's participation JSON as (label, value) pairs; nested values flattened."""
    pairs: list[tuple[str, str]] = []

    def walk(prefix: str, value) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix} — {key}" if prefix else str(key), inner)
        elif isinstance(value, list):
            pairs.append((prefix, ", ".join(str(v) for v in value)))
        else:
            pairs.append((prefix, str(value)))

    walk("", participation if isinstance(participation, dict) else {})
    return [(label.replace("_", " ").capitalize(), value) for label, value in pairs]


@register.inclusion_tag("partials/status_chart.html")
def status_chart(overall: list[dict] | None, by_theme: list[dict] | None = None, title: str = "Status"):
    """An SVG stacked bar per row (all, then each theme) and the same figures as a table.

    Without ``overall`` the first row sums the themes' rows (every recommendation is in one).
    """
    if overall is None:
        overall = [{"status": v, "n": sum(t["counts"].get(v, 0) for t in by_theme or [])} for v in Status.values]
    rows = [{"name": "All recommendations", "slug": None,
             "counts": {s["status"]: s["n"] for s in overall}}]
    rows += by_theme or []
    bars, y = [], 0
    for row in rows:
        total = sum(row["counts"].values())
        segments, x = [], 0.0
        for value, label in Status.choices:
            n = row["counts"].get(value, 0)
            if n:
                width = 100.0 * n / total
                segments.append({"status": value, "label": label, "n": n, "x": round(x, 3),
                                 "width": round(width, 3)})
                x += width
        bars.append({"name": row["name"], "slug": row["slug"], "total": total, "segments": segments,
                     "y": y, "bar_y": y + 20, "cells": [row["counts"].get(v, 0) for v in Status.values]})
        y += 50
    return {"bars": bars, "height": y, "statuses": Status.choices, "title": title,
            "has_data": any(b["total"] for b in bars)}


@register.simple_tag
def source_excerpt(rec, context: int = 4) -> list[dict]:
    """The cited lines of a recommendation with the paragraph around them, blank lines dropped.

    The loader keeps one OCR paragraph per line, so the context is the neighbouring
    non-blank lines up to the nearest blank-line gap, and at least one line each side.
    """
    lines = rec.document.text.splitlines()
    if not lines:
        return []
    start = min(max(rec.line_start, 1), len(lines))
    end = min(max(rec.line_end, start), len(lines))

    def reach(step: int, origin: int) -> int:
        found, n, taken = origin, origin + step, 0
        while 1 <= n <= len(lines) and taken < context:
            if lines[n - 1].strip():
                found, taken = n, taken + 1
            elif taken:  # a blank line after context was found ends the paragraph
                break
            n += step
        return found

    first, last = reach(-1, start), reach(1, end)
    return [{"n": n, "text": lines[n - 1], "cited": start <= n <= end}
            for n in range(first, last + 1) if lines[n - 1].strip() or start <= n <= end]


@register.simple_tag
def document_lines(text: str, citations) -> list[dict]:
    """Every line of a document, numbered from 1, with the recommendations citing it."""
    starts: dict[int, list[int]] = {}
    cited: set[int] = set()
    for pk, line_start, line_end in citations:
        starts.setdefault(line_start, []).append(pk)
        cited.update(range(line_start, line_end + 1))
    return [{"n": n, "text": line, "cited": n in cited, "recs": starts.get(n, [])}
            for n, line in enumerate(text.splitlines(), start=1)]


@register.simple_tag
def dialogue_outline(issues, recs) -> list[dict]:
    """Themes, each with its priority issues and their recommendations, then unnumbered ones."""
    themes: dict = {}

    def theme_entry(theme):
        key = theme.pk if theme else None
        return themes.setdefault(key, {"theme": theme, "issues": {}, "other": []})

    by_issue = {}
    for issue in issues:
        by_issue[issue.pk] = theme_entry(issue.theme)["issues"][issue.pk] = {"issue": issue, "recs": []}
    for rec in recs:
        if rec.priority_issue_id in by_issue:
            by_issue[rec.priority_issue_id]["recs"].append(rec)
        else:
            theme_entry(rec.theme if rec.theme_id else None)["other"].append(rec)
    ordered = sorted(themes.values(), key=lambda t: (t["theme"] is None, t["theme"].name if t["theme"] else ""))
    for entry in ordered:
        entry["issues"] = sorted(entry["issues"].values(), key=lambda i: i["issue"].number)
    return ordered


@register.simple_tag
def query_url(query=None, remove: str | None = None, **changes) -> str:
    """A ``?…`` query string: ``query`` with ``remove`` dropped and ``changes`` applied.

    Empty values and ``page=1`` are left out, so links stay clean and shareable.
    """
    params = QueryDict(mutable=True)
    if query:
        for key, values in (query.lists() if isinstance(query, QueryDict) else query.items()):
            params.setlist(key, values if isinstance(values, list) else [values])
    params.pop(remove, None)
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, "") and not (key == "page" and str(value) == "1"):
            params[key] = value
    return f"?{params.urlencode()}" if params else ""


@register.simple_tag
def page_range(page) -> list:
    """Page numbers around the current one, with ellipses, for pagination links."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
