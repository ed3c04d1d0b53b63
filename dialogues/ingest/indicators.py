"""Indicators from flattened target lists and result groups.

Two structures carry indicator values, wherever they stand in a report:

* a target (or baseline) list - a lead-in naming targets and a year ("The key targets for 2024 of
  the health sectors are as follows:", "Health sector targets by 2025 include:") followed by list
  items each holding one value ("Prevalence of stunting among children under five will be at 28 %;");
* a result group - a heading that sorts indicators by outcome ("There are 4 indicators that are
  able to achieve", "... tend to meet targets", "... tend to fail to meet targets") followed by items
  holding a result and, often, the target again ("... in the first 9 months of 2024 is 94.41% of the
  total population (target 94%)").

Values are matched to indicators by their names' content words, so "Children under-five mortality
rate" finds "Children under five mortality rate" and "Immunization rate for Penta 3" finds
"Immunization rate for Penta 3 for children under one".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from .records import IndicatorRecord, IndicatorValueRecord
from .structure import Block
from .text import content_words, normalise_space, overlap, word_set

_VALUE_RE = re.compile(
    # A minus sign counts only where it cannot be a range's dash ("10-15%" is 15, "-4%" is -4).
    r"(?P<num>(?:(?<![\w.])-)?\d+(?:[.,]\d+)*)\s*"
    r"(?P<unit>%|per\s*cent\b|per\s*[\d,]+(?:\s+live\s+births)?)",
    re.IGNORECASE,
)
_BARE_VALUE_RE = re.compile(r"\b(?:at|to|be|of|reach|is)\s+(?P<num>\d[\d,]*(?:\.\d+)?)\b(?!\s*(?:%|per))")
_YEAR_RE = re.compile(r"\b(20\d\d)\b")
_TARGET_LEAD_RE = re.compile(r"\b(targets?|baselines?)\b", re.IGNORECASE)
_GROUP_RE = re.compile(r"\bindicators?\b.*\b(achiev\w*|meet|fail\w*|on track|off track)", re.IGNORECASE)
_MONTHS_RE = re.compile(
    r"first\s+(?P<n>\d{1,2}|three|six|nine|twelve)\s+months\s+of\s+(?P<year>20\d\d)", re.IGNORECASE
)
_BY_MONTH_RE = re.compile(
    r"\b(?:by|as of|at the end of|end of|until)\s+(?P<month>january|february|march|april|may|june|july|august|"
    r"september|october|november|december)\s+(?P<year>20\d\d)",
    re.IGNORECASE,
)
_RESULT_NAME_END_RE = re.compile(r"\s+(?:in the first|is|was|are|were|reached|stood|has|have)\b|\s*\(")
_TARGET_IN_RESULT_RE = re.compile(
    r"\(target\s+(?P<value>[^)]*)\)|targets?\s+in\s+(?P<year>20\d\d)\s+(?:is|was|are|of)\s+(?P<value2>[^,;]+)",
    re.IGNORECASE,
)
_COLUMN_KIND_RE = re.compile(r"\b(?:baselines?|targets?|results?|actuals?|achieve(?:d|ment))\b", re.IGNORECASE)
_NAME_COLUMN_RE = re.compile(r"\bindicators?\b|\bname\b|\bmeasure\b", re.IGNORECASE)
_FLAT_HEADER_RE = re.compile(r"^(?:\W*)(?:indicators?|indicator name)\W*$", re.IGNORECASE)
_GROUP_COLUMN_RE = re.compile(r"\b(?:status|group|assessment|progress)\b", re.IGNORECASE)
_GROUP_WORD_RE = re.compile(r"achiev|meet|fail|track", re.IGNORECASE)
_COUNT_MONTHS_RE = re.compile(r"\b(?P<n>\d{1,2})[\s\-]*months?\b", re.IGNORECASE)
_MONTH_RANGE_RE = re.compile(
    r"\b(?:jan|january)\w*\s*[-–/]\s*(?P<last>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*", re.IGNORECASE
)
_RESULT_NUMBER_RE = re.compile(r"\b(?:is|was|are|were|reached|stood)\s+(?:at\s+)?(?P<num>\d[\d,]*(?:\.\d+)?)\b")
_NUMBER_RE = re.compile(r"(?<![\w.])(?P<num>-?\d[\d,]*(?:\.\d+)?)(?![\w.])")
_LOWER_IS_BETTER_RE = re.compile(
    r"mortality|stunting|underweight|wasting|prevalence|incidence|stock[\s\-]?outs?|deaths?|malnutrition|"
    r"poverty|out[\s\-]of[\s\-]pocket|drop[\s\-]?out|unemployment|morbidity|cases|stunted|maternal deaths",
    re.IGNORECASE,
)
_NAME_TAIL_WORDS = word_set(
    "will must should shall is are remain remains be reach reaches cover covers at to stay stays of by the "
    "increase decrease reduce reduced increased from"
)
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_PREFIXES = {name[:3]: name for name in _MONTH_NUMBERS}
_WORD_NUMBERS = {"three": 3, "six": 6, "nine": 9, "twelve": 12}
KIND_ORDER = {"baseline": 0, "target": 1, "result": 2, "survey": 3}
_SURVEY_RE = re.compile(
    r"\b(?:survey|census|MICS|DHS|household (?:survey|study))\b[^;)]*|\b(?:according to|based on|from) (?:the )?"
    r"[A-Z][\w\- ]*\b(?:survey|census)\b[^;)]*",
    re.IGNORECASE,
)


@dataclass
class _Indicator:
    """An indicator being assembled from the places that mention it."""

    name: str
    unit: str
    words: frozenset[str]
    values: list[IndicatorValueRecord] = field(default_factory=list)
    reported_group: str = ""
    reported_status: str = ""


@dataclass(frozen=True)
class IndicatorScan:
    """What the indicator pass found: the indicators and the item lines it consumed."""

    indicators: tuple[IndicatorRecord, ...]
    consumed_lines: frozenset[int]


def extract_indicators(blocks: list[Block], theme: str = "") -> IndicatorScan:
    """Return the indicators of a report (target lists and result groups) and the items they used."""
    found: list[_Indicator] = []
    consumed: set[int] = set()
    as_of_context: tuple[str, date] | None = None
    position = 0
    while position < len(blocks):
        block = blocks[position]
        if block.kind == "heading" and _BY_MONTH_RE.search(block.text):
            as_of_context = _month_period(_BY_MONTH_RE.search(block.text))
        if block.kind == "paragraph" and block.lead_in and _TARGET_LEAD_RE.search(block.text):
            year = _YEAR_RE.search(block.text)
            kind = "baseline" if "baseline" in block.text.lower() else "target"
            items = _following_items(blocks, position)
            values = [_target_item(item, kind, year.group(1) if year else "") for item in items]
            if items and all(values):
                # Each item of one list is a different indicator: match only those listed earlier.
                earlier = list(found)
                for item, parsed in zip(items, values, strict=True):
                    _add_value(found, *parsed, candidates=earlier)
                    consumed.add(item.start)
                position += len(items)
        elif block.kind == "table" and _column_kinds(block.cells):
            rows = _following_tables(blocks, position)
            for name, unit, value, group, status in _table_values(block.cells, rows):
                _add_value(found, name, unit, value, candidates=found, group=group, status=status)
            consumed.update(row.start for row in rows)
            position += len(rows)
        elif block.kind == "paragraph" and len(block.parts) > 2 and _FLAT_HEADER_RE.match(block.parts[0].strip()):
            # A table OCR'd one cell per line: "Indicator", the column labels, then each row's cells.
            for name, unit, value, group, status in _flattened_values(block):
                _add_value(found, name, unit, value, candidates=found, group=group, status=status)
        elif block.kind == "heading" and _GROUP_RE.search(block.text):
            group = _reported_group(block.text)
            for item in _following_items(blocks, position):
                parsed = _result_item(item, group, as_of_context)
                if parsed is not None:
                    consumed.add(item.start)
                    for name, unit, value in parsed:
                        _add_value(found, name, unit, value, candidates=found, group=group)
        position += 1
    records = tuple(_record(indicator, theme) for indicator in found if indicator.values)
    return IndicatorScan(records, frozenset(consumed))


def _following_tables(blocks: list[Block], position: int) -> list[Block]:
    """Return the table rows that directly follow a header row."""
    rows = []
    for block in blocks[position + 1:]:
        if block.kind != "table":
            break
        rows.append(block)
    return rows


def _column_kind(label: str) -> tuple[str, str, date | None] | None:
    """Return (kind, period, as_of) for a value column label ("Target 2024", "Result Jan-Sep 2024"), or None."""
    kind_match = _COLUMN_KIND_RE.search(label)
    if kind_match is None:
        return None
    word = kind_match.group(0).lower()
    kind = "baseline" if word.startswith("baseline") else "target" if word.startswith("target") else "result"
    year = _YEAR_RE.search(label)
    months = _MONTHS_RE.search(label) or _COUNT_MONTHS_RE.search(label) or _MONTH_RANGE_RE.search(label)
    if kind == "result" and year and months:
        count = _months_in(months)
        end = date(int(year.group(1)), count, calendar.monthrange(int(year.group(1)), count)[1])
        return kind, f"{year.group(1)}-01/{year.group(1)}-{count:02d}", end
    return kind, year.group(1) if year else "", None


def _months_in(match: re.Match[str]) -> int:
    """Return how many months a "first 9 months" / "9-month" / "Jan-Sep" phrase covers."""
    groups = match.groupdict()
    if groups.get("last"):
        return _MONTH_NUMBERS[_MONTH_PREFIXES[groups["last"][:3].lower()]]
    raw = (groups.get("n") or "").lower()
    return _WORD_NUMBERS.get(raw) or int(raw)


def _column_kinds(cells: tuple[str, ...]) -> list[tuple[int, tuple[str, str, date | None]]]:
    """Return the value columns of a header row: (index, (kind, period, as_of)); empty if it is not one."""
    if not cells or not _NAME_COLUMN_RE.search(cells[0]):
        return []
    return [(i, kind) for i, cell in enumerate(cells) if i and (kind := _column_kind(cell))]


def _group_column(cells: tuple[str, ...]) -> int | None:
    """Return the index of a "Status" / "Group" column, if the header has one."""
    return next((i for i, c in enumerate(cells) if i and _GROUP_COLUMN_RE.search(c)), None)


# Cells that say "no value here" rather than giving a wrong one.
_NO_VALUE = {"", "-", "–", "—", "n/a", "na", "n.a", "..", "…", "tbd", "not available", "no data"}


def _cell_value(cell: str, kind: tuple[str, str, date | None], line: int):
    """Return (unit, IndicatorValueRecord) for one cell, or None when it holds no number."""
    match = _VALUE_RE.search(cell)
    bare = None if match else _NUMBER_RE.search(cell)
    if match is None and bare is None:
        text = normalise_space(cell)
        if text.lower().strip(".") in _NO_VALUE:
            return None
        # Text where a number belongs: keep it, unparsed, so storing reports it with its line.
        return "number", IndicatorValueRecord(period=kind[1], kind=kind[0], value=None, raw=text, line=line,
                                              as_of=kind[2])
    number = (match or bare).group("num")
    unit = _unit(match.group("unit")) if match else "number"
    raw = normalise_space((match or bare).group(0))
    return unit, IndicatorValueRecord(period=kind[1], kind=kind[0], value=_decimal(number), raw=raw, line=line,
                                      as_of=kind[2])


def _table_values(header: tuple[str, ...], rows: list[Block], one_cell_per_line: bool = False):
    """Yield (name, unit, value, group, status) for every value cell of an indicator table.

    ``status`` is the row's status cell as the report wrote it ("On track"); ``group`` the category
    it falls in (achieved, tend to meet, tend to fail).

    With ``one_cell_per_line`` (a flattened table) each cell's line is its row's first line plus
    its column index; otherwise the whole row stands on one line.
    """
    columns = _column_kinds(header)
    group_index = _group_column(header)
    for row in rows:
        if len(row.cells) < 2 or _column_kinds(row.cells):
            continue
        name = _clean_name(row.cells[0])
        status = normalise_space(row.cells[group_index]) if group_index is not None and group_index < len(
            row.cells) else ""
        group = _reported_group(status) if _GROUP_WORD_RE.search(status) else ""
        for index, kind in columns:
            line = row.start + index if one_cell_per_line else row.start
            if index < len(row.cells) and (parsed := _cell_value(row.cells[index], kind, line)):
                yield name, parsed[0], parsed[1], group, status


def _flattened_values(block: Block):
    """Yield (name, unit, value, group, status) from a table whose cells the OCR put one per line."""
    parts = [p.strip() for p in block.parts]
    labels = [parts[0]]
    for part in parts[1:]:
        if _column_kind(part) is None and not _GROUP_COLUMN_RE.search(part):
            break
        labels.append(part)
    width = len(labels)
    cells = parts[width:]
    if width < 2 or not cells or len(cells) % width:
        return
    header = tuple(labels)
    first = block.start + width
    rows = [Block("table", first + i, first + i + width - 1, "", cells=tuple(cells[i:i + width]))
            for i in range(0, len(cells), width)]
    yield from _table_values(header, rows, one_cell_per_line=True)


def _following_items(blocks: list[Block], position: int) -> list[Block]:
    """Return the list items that directly follow a block (up to the next heading or paragraph)."""
    items = []
    for block in blocks[position + 1:]:
        if block.kind != "item":
            break
        items.append(block)
    return items


def _decimal(raw: str) -> Decimal | None:
    """Return the number in a value as a Decimal ("1,000" -> 1000, "94.5" -> 94.5), or None."""
    try:
        return Decimal(raw.replace(",", ""))
    except InvalidOperation:
        return None


def _unit(raw_unit: str) -> str:
    """Return a normalised unit: "%", "per 1,000 live births", or "number"."""
    unit = normalise_space(raw_unit).lower()
    if not unit:
        return "number"
    if unit.startswith("per cent") or unit == "%":
        return "%"
    return re.sub(r"per\s*([\d,]+)", r"per \1", unit)


def _clean_name(text: str) -> str:
    """Return an indicator name without its trailing verb ("... will remain at") or a leading "The"."""
    words = normalise_space(text).rstrip(" ,;:").split()
    while words and words[-1].lower() in _NAME_TAIL_WORDS:
        words.pop()
    if words and words[0].lower() == "the":
        words.pop(0)
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def _target_item(item: Block, kind: str, year: str) -> tuple[str, str, IndicatorValueRecord] | None:
    """Return (name, unit, value) of one item of a target list, or None when it holds no value."""
    match = _VALUE_RE.search(item.text) or _BARE_VALUE_RE.search(item.text)
    if match is None:
        return None
    has_unit = "unit" in match.groupdict()
    unit = _unit(match.group("unit") if has_unit else "")
    name = _clean_name(item.text[: match.start("num")])
    if not name:
        return None
    raw = normalise_space(match.group(0) if has_unit else match.group("num"))
    value = IndicatorValueRecord(period=year, kind=kind, value=_decimal(match.group("num")), raw=raw,
                                 line=item.start)
    return name, unit, value


def _reported_group(text: str) -> str:
    """Return the report's own grouping of a result heading: achieved, tend to meet or tend to fail."""
    lowered = text.lower()
    if "fail" in lowered or "off track" in lowered:
        return "tend to fail"
    if "meet" in lowered or "on track" in lowered:
        return "tend to meet"
    return "achieved"


def _month_period(match: re.Match[str]) -> tuple[str, date]:
    """Return ("YYYY-01/YYYY-MM", last day of that month) for a "by September 2024" phrase."""
    year = int(match.group("year"))
    month = _MONTH_NUMBERS[match.group("month").lower()]
    return f"{year}-01/{year}-{month:02d}", date(year, month, calendar.monthrange(year, month)[1])


def _result_period(text: str, context: tuple[str, date] | None) -> tuple[str, date | None]:
    """Return the period of a result: "first 9 months of 2024" in the item, else the heading's date."""
    months = _MONTHS_RE.search(text)
    if months:
        year = int(months.group("year"))
        raw = months.group("n").lower()
        count = _WORD_NUMBERS.get(raw) or int(raw)
        return f"{year}-01/{year}-{count:02d}", date(year, count, calendar.monthrange(year, count)[1])
    if context is not None:
        return context
    year = _YEAR_RE.search(text)
    return (year.group(1) if year else ""), None


def _result_item(item: Block, group: str, context) -> list[tuple[str, str, IndicatorValueRecord]] | None:
    """Return the result (and any restated target) of one item of a result group."""
    end = _RESULT_NAME_END_RE.search(item.text)
    if end is None:
        return None
    result = _VALUE_RE.search(item.text, end.start()) or _RESULT_NUMBER_RE.search(item.text, end.start())
    if result is None:
        return None
    name = _clean_name(item.text[: end.start()])
    period, as_of = _result_period(item.text, context)
    kind = "result"
    survey = _SURVEY_RE.search(item.text)
    if survey:
        # A survey's figure is not the period's result: it is kept apart, dated by the survey's year
        # where the text gives it, else by the year of the period it is reported in.
        kind, as_of = "survey", None
        year = _YEAR_RE.search(survey.group(0))
        period = year.group(1) if year else period[:4]
    parsed = [(name, _unit(result.groupdict().get("unit") or ""), IndicatorValueRecord(
        period=period, kind=kind, value=_decimal(result.group("num")),
        raw=normalise_space(result.group(0) if result.groupdict().get("unit") else result.group("num")),
        line=item.start, as_of=as_of))]
    restated = _TARGET_IN_RESULT_RE.search(item.text)
    if restated:
        target_text = restated.group("value") or restated.group("value2") or ""
        target = _VALUE_RE.search(target_text) or _NUMBER_RE.search(target_text)
        target_year = restated.group("year") or period[:4]
        if target:
            parsed.append((name, _unit(target.groupdict().get("unit") or ""), IndicatorValueRecord(
                period=target_year, kind="target", value=_decimal(target.group("num")),
                raw=normalise_space(target.group(0)), line=item.start)))
    return parsed


def _add_value(found: list[_Indicator], name: str, unit: str, value: IndicatorValueRecord,
               candidates: list[_Indicator], group: str = "", status: str = "") -> None:
    """Attach a value to the candidate indicator whose name matches best, or start a new indicator."""
    words = content_words(name)
    best, best_score = None, 0.0
    for indicator in list(candidates):
        score = overlap(words, indicator.words) + 0.01 * len(words & indicator.words)
        if score > best_score:
            best, best_score = indicator, score
    if best is None or best_score < 0.8:
        best = _Indicator(name=name, unit=unit, words=words)
        found.append(best)
    if group:
        best.reported_group = group
    if status:
        best.reported_status = status[:60]
    if best.unit == "number" and unit != "number":
        best.unit = unit
    # Reports repeat a target beside its result ("(target 94%)"): the same value again is one value.
    # A different value for the same period and kind is kept, so storing can refuse the conflict.
    if not any(v.period == value.period and v.kind == value.kind and v.value == value.value for v in best.values):
        best.values.append(value)


def _record(indicator: _Indicator, theme: str) -> IndicatorRecord:
    """Return the finished record of an indicator, its values ordered by period then kind."""
    values = tuple(sorted(indicator.values, key=lambda v: (v.period, KIND_ORDER.get(v.kind, 9))))
    lines = [v.line for v in values]
    return IndicatorRecord(
        name=indicator.name,
        unit=indicator.unit,
        direction="lower" if _LOWER_IS_BETTER_RE.search(indicator.name) else "higher",
        values=values,
        line_span=(min(lines), max(lines)),
        theme=theme,
        reported_group=indicator.reported_group,
        reported_status=indicator.reported_status,
    )
