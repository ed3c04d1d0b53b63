"""Page furniture, contents pages and column-aligned tables, recognised on the raw lines of a report.

Runs before blocks are read and keeps the line count, so every line number still points at the text
as read: a removed line becomes a blank one, and a column-aligned table row is rewritten as a
``|``-separated row in place.

* Page furniture: a line holding only a page number ("12", "- 7 -", "Page 4 of 20"), a line set
  apart that opens or ends with one beside a title ("Page 5 of 7      Annual Review"), and a short
  line that comes back on three or more pages once its digits are ignored ("Regional Consultation
  Report | Page 4", "4  Annual Review 2024"): running headers and footers.
* Contents: a line ending in dotted leaders and a page number ("Introduction ........ 3"), and the
  lines of a contents section that end in a page number.
* Ruled tables: a header line over a rule of dash groups ("---  --------  -----"); each group marks
  where a column starts and ends, so rows are cut at those columns whatever the gaps between cells,
  and a line whose first column is empty continues the row above. A page break (blank lines and
  furniture) inside the table, and the header printed again on the next page, do not end it.
* Column-aligned tables: two or more consecutive lines whose words fall into the same columns,
  separated by runs of three or more spaces (or two, where at least two columns line up). A line
  under such a row holding text only in some columns continues those cells.
"""

from __future__ import annotations

import csv
import re
from collections import Counter

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—~|\[(]\s*)?(?:page|p\.|pg\.?)?\s*\d{1,4}(?:\s*(?:/|of|sur)\s*\d{1,4})?\s*(?:[-–—~|\])]\s*)?$",
    re.IGNORECASE,
)
_PAGE_WORD_RE = re.compile(r"\b(?:page|p\.)\s*\d{1,4}\b", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
# "Page 5 of 7        Annual Review 2025", "Annual Review 2025 | Page 5": a footer even on its first showing.
_PAGE_EDGE_RE = re.compile(
    r"^(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s{2,}|\s*[|·•–—]\s*)\S|"
    r"\S(?:\s{2,}|\s*[|·•–—]\s*)(?:page|p\.)\s*\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_LEADERS_RE = re.compile(r"(?:\.\s?){4,}\s*\d{1,4}\s*$|(?:…\s?){2,}\s*\d{1,4}\s*$|\s_{4,}\s*\d{1,4}\s*$")
_CONTENTS_HEADING_RE = re.compile(r"^\W*(?:table\s+of\s+)?contents\W*$", re.IGNORECASE)
_TRAILING_PAGE_RE = re.compile(r"\S\s{2,}\d{1,4}\s*$|\S\s+\d{1,3}\s*$")
_GAP3_RE = re.compile(r"\S( {3,}|\t+)(?=\S)")
_GAP2_RE = re.compile(r"\S( {2,}|\t+)(?=\S)")
CONTINUED_ROW = "| |"  # an aligned row's wrapped line, its text already joined into the row above
_LABEL_START_RE = re.compile(
    r"^(?:recommendations?|findings?|actions?|priorit(?:y|ies)|objectives?|outcomes?|outputs?|steps?|decisions?|"
    r"resolutions?|commitments?|annex|appendix|table|figure|box|session|item|article|paragraph|section|chapter|"
    r"part|target|goal|indicator|slide)\s+[\dIVXA-H]", re.IGNORECASE)
_BOX_EDGE_RE = re.compile(r"^\s*[+┌└╔╚][-=─━+]{10,}[+┐┘╗╝]\s*$")
_BOX_LINE_RE = re.compile(r"^\s*[|│║] ?(?P<text>[^|│║]*?)\s*[|│║]\s*$")  # one cell: a box's line, not a table's row
_RULE_RE = re.compile(r"^\s*[-=─━_]{2,}(?:\s+[-=─━_]{2,})+\s*$")
_RULE_GROUP_RE = re.compile(r"[-=─━_]{2,}")
_BULLET_START_RE = re.compile(r"^\s*(?:[-•▪◦●○■□➢►✓✔*–—]|\d{1,2}[.)])\s")


def clean_lines(text: str) -> list[str]:
    """Return the report's lines with page furniture and contents lines blanked, aligned tables as ``|`` rows."""
    # A form feed opens a page on the same line: dropping it keeps every line number as read.
    lines = text.replace("\f", "").split("\n")
    furniture = _furniture(lines)
    contents = _contents_lines(lines)
    cleaned = ["" if i in furniture or i in contents else line for i, line in enumerate(lines)]
    return _aligned_tables(_ruled_tables(_separated_tables(_unboxed(cleaned))))


def _unboxed(lines: list[str]) -> list[str]:
    """Return lines with text boxes drawn in characters ("+-----+" over "| text |" lines) opened: the
    borders blanked, the text kept where it stands."""
    out = list(lines)
    index = 0
    while index < len(lines):
        if not _BOX_EDGE_RE.match(lines[index]):
            index += 1
            continue
        position = index + 1
        while position < len(lines) and _BOX_LINE_RE.match(lines[position]):
            position += 1
        if position < len(lines) and position > index + 1 and _BOX_EDGE_RE.match(lines[position]):
            out[index] = out[position] = ""
            for inner in range(index + 1, position):
                out[inner] = _BOX_LINE_RE.match(lines[inner]).group("text").rstrip()
            index = position + 1
        else:
            index += 1
    return out


def _split_separated(line: str, separator: str) -> list[str]:
    """Return the cells of a separator-delimited line, a quoted cell kept whole ("a; b")."""
    return [cell.strip().strip('"').strip() for cell in next(csv.reader([line], delimiter=separator))]


def _separated_tables(lines: list[str]) -> list[str]:
    """Return lines with semicolon-separated tables (an exported sheet) rewritten as ``|`` rows.

    A header line with three separators or more, then rows with as many; a row that stops short
    goes on on the next line (a cell broken over two lines).
    """
    out = list(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        width = len(_split_separated(line, ";")) if line.count(";") >= 3 else 0
        if width < 4 or index + 1 >= len(lines) or lines[index + 1].count(";") < 3:
            index += 1
            continue
        rows = [(index, _split_separated(line, ";"))]
        position = index + 1
        while position < len(lines) and lines[position].strip():
            cells = _split_separated(lines[position], ";")
            if len(cells) < width and position + 1 < len(lines) and lines[position + 1].strip():
                joined = f"{lines[position].rstrip()} {lines[position + 1].strip()}"
                if len(_split_separated(joined, ";")) == width:
                    rows.append((position, _split_separated(joined, ";")))
                    out[position + 1] = CONTINUED_ROW
                    position += 2
                    continue
            if len(cells) != width:
                break
            rows.append((position, cells))
            position += 1
        _write_rows(out, rows)
        index = position
    return out


def _ruled_tables(lines: list[str]) -> list[str]:
    """Return lines with tables ruled under their header (a line of dash groups) rewritten as ``|`` rows."""
    out = list(lines)
    index = 1
    while index < len(lines):
        if not _RULE_RE.match(lines[index]) or not lines[index - 1].strip():
            index += 1
            continue
        starts = [match.start() for match in _RULE_GROUP_RE.finditer(lines[index])]
        header_line = lines[index - 1]
        header = _cut(header_line, starts)
        if sum(1 for cell in header if cell) < 2:
            index += 1
            continue
        rows: list[tuple[int, list[str]]] = [(index - 1, header)]
        out[index] = "| " + " | ".join("---" for _ in starts) + " |"
        position = index + 1
        while position < len(lines):
            line = lines[position]
            if not line.strip():
                following = next((p for p in range(position + 1, min(position + 8, len(lines))) if lines[p].strip()),
                                 None)
                if following is None or not _in_columns(lines[following], starts) or \
                        sum(1 for cell in _cut(lines[following], starts) if cell) < 2:
                    break  # a caption ("Table 1 (continued)") or prose after the table ends it
                position = following
                continue
            if line.strip() == header_line.strip() or _RULE_RE.match(line):
                out[position] = ""  # the header (or its rule) printed again over a new page
                position += 1
                continue
            if not _in_columns(line, starts) and rows[-1][0] != position - 1:
                break
            cells = _cut(line, starts)
            row_line = lines[rows[-1][0]]
            hanging = rows[-1][0] == position - 1 or out[position - 1] == CONTINUED_ROW
            deeper = _indent(line[starts[0]:]) > _indent(row_line[starts[0]:])
            if len(rows) > 1 and hanging and (not cells[0] or deeper):
                # An empty first column, or one indented under the row's first line ("1.  Build a" /
                # "    the Sesan"): the cells of the row above go on here.
                previous_line, previous = rows[-1]
                rows[-1] = (previous_line, [f"{a} {b}".strip() for a, b in zip(previous, cells)])
                out[position] = CONTINUED_ROW
            else:
                rows.append((position, cells))
            position += 1
        _write_rows(out, rows)
        index = position
    return out


def _cut(line: str, starts: list[int]) -> list[str]:
    """Return a line's text cut at the columns a rule marks (the last column runs to the line's end)."""
    bounds = [*starts[1:], len(line) + 1]
    return [" ".join(line[start:end].split()) for start, end in zip(starts, bounds)]


def _in_columns(line: str, starts: list[int]) -> bool:
    """Return True when a line's text falls inside ruled columns: no word runs across a column's start."""
    text_start = len(line) - len(line.lstrip())
    if text_start < starts[0] - 1:
        return False
    return all(start >= len(line) or line[start - 1] == " " for start in starts[1:])


def _write_rows(out: list[str], rows: list[tuple[int, list[str]]]) -> None:
    """Write a table's rows as ``|`` rows in place (two rows at least make a table)."""
    if len(rows) >= 2:
        for line_index, cells in rows:
            out[line_index] = "| " + " | ".join(cell.replace("|", "/") for cell in cells) + " |"


def _furniture_key(line: str) -> str:
    """Return a line with its numbers replaced, so that "Page 4" and "Page 5" compare equal."""
    return _DIGITS_RE.sub("#", " ".join(line.split()).lower())


def _furniture(lines: list[str]) -> set[int]:
    """Return the indexes of running headers, footers and page-number lines."""
    found: set[int] = set()
    counts: Counter[str] = Counter()
    for line in lines:
        stripped = line.strip()
        if stripped and len(stripped) <= 100 and not stripped.startswith("|"):
            counts[_furniture_key(stripped)] += 1
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _PAGE_NUMBER_RE.match(stripped) and _stands_apart(lines, index):
            found.add(index)
            continue
        if len(stripped) > 100 or stripped.startswith("|") or _BULLET_START_RE.match(line) or \
                _LABEL_START_RE.match(stripped):
            continue  # "Recommendation 1.2", "Finding 3", "Table 2": the report's own numbering, not a header
        if _PAGE_EDGE_RE.search(stripped) and _stands_apart(lines, index):
            found.add(index)
            continue
        key = _furniture_key(stripped)
        # Three pages make a running header; two do when a page number stands beside it.
        repeated = counts[key] >= 3 or (counts[key] >= 2 and _next_to_page_number(lines, index))
        # A running header carries a page number, or sits next to one; a heading that recurs
        # ("Recommendations") does neither.
        numbered = ("#" in key or _PAGE_WORD_RE.search(stripped)) and len(key.replace("#", "").strip()) >= 3
        if repeated and (numbered or _next_to_page_number(lines, index)):
            found.add(index)
    return found


def _stands_apart(lines: list[str], index: int) -> bool:
    """Return True when a bare number is not part of a table or list (a blank or the text's edge beside it)."""
    before = index == 0 or not lines[index - 1].strip() or bool(_PAGE_NUMBER_RE.match(lines[index - 1].strip()))
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before or after


def _next_to_page_number(lines: list[str], index: int) -> bool:
    """Return True when the nearest non-blank line above or below is a bare page number."""
    for step in (-1, 1):
        position = index + step
        while 0 <= position < len(lines) and not lines[position].strip():
            position += step
        if 0 <= position < len(lines) and _PAGE_NUMBER_RE.match(lines[position].strip()):
            return True
    return False


def _contents_lines(lines: list[str]) -> set[int]:
    """Return the indexes of table-of-contents lines: dotted leaders, and page-numbered lines under "Contents"."""
    # The leader pattern only where leaders can be: most lines have no ".." "…" or "__" at all.
    found = {i for i, line in enumerate(lines) if ("...." in line or ". . ." in line or "…" in line or "____" in line)
             and _LEADERS_RE.search(line)}
    index = 0
    while index < len(lines):
        line = lines[index]
        if ("ontents" in line or "ONTENTS" in line) and _CONTENTS_HEADING_RE.match(line.strip().strip("#*")):
            found.add(index)
            position, misses = index + 1, 0
            while position < len(lines) and misses < 2:
                stripped = lines[position].strip()
                if not stripped:
                    position += 1
                    continue
                if _LEADERS_RE.search(stripped) or (_TRAILING_PAGE_RE.search(stripped) and len(stripped) < 120):
                    found.add(position)
                    misses = 0
                else:
                    misses += 1
                position += 1
            index = position
        index += 1
    return found


def _columns(line: str, gap: re.Pattern[str]) -> list[tuple[int, str]]:
    """Return the cells of a line split at wide gaps, each with the column it starts at."""
    cells: list[tuple[int, str]] = []
    start = len(line) - len(line.lstrip())
    for match in gap.finditer(line):
        cut = match.start() + 1
        cells.append((start, line[start:cut].strip()))
        start = match.end()
    cells.append((start, line[start:].strip()))
    return [(column, cell) for column, cell in cells if cell]


def _is_aligned_row(line: str) -> list[tuple[int, str]]:
    """Return a line's cells when it reads as a row of an aligned table (two or more wide-gap cells)."""
    if not line.strip() or line.lstrip().startswith("|") or "\t" in line.strip():
        return []
    cells = _columns(line, _GAP3_RE)
    return cells if len(cells) >= 2 else []


def _aligned_tables(lines: list[str]) -> list[str]:
    """Return lines with column-aligned tables rewritten as ``|`` rows (continuation lines joined up)."""
    out = list(lines)
    index = 0
    while index < len(lines):
        header = _is_aligned_row(lines[index])
        if not header or index + 1 >= len(lines):
            index += 1
            continue
        starts = [column for column, _ in header]
        rows: list[tuple[int, list[str]]] = [(index, [cell for _, cell in header])]
        position = index + 1
        while position < len(lines):
            line = lines[position]
            if not line.strip():
                # Blank lines end the table unless the next line is still a row of it.
                following = next((p for p in range(position + 1, min(position + 3, len(lines))) if lines[p].strip()),
                                 None)
                if following is not None and _fits(_is_aligned_row(lines[following]), starts):
                    position = following
                    continue
                break
            cells = _columns(line, _GAP2_RE) if _fits(_columns(line, _GAP2_RE), starts) else _is_aligned_row(line)
            if len(cells) >= 2 and _fits(cells, starts):
                rows.append((position, _place(cells, starts)))
            elif len(rows) > 1 and _indent(line) >= starts[0] and _fits(_columns(line, _GAP2_RE), starts):
                # Text in some columns only: the cells of the row above wrap onto this line.
                previous_line, previous = rows[-1]
                for slot, cell in enumerate(_place(_columns(line, _GAP2_RE), starts)):
                    if cell:
                        previous[slot] = f"{previous[slot]} {cell}".strip()
                rows[-1] = (previous_line, previous)
                out[position] = CONTINUED_ROW  # the row above goes on here: its line span includes this line
            else:
                break
            position += 1
        if len(rows) >= 2:
            for line_index, cells in rows:
                out[line_index] = "| " + " | ".join(cells) + " |"
            index = position
        else:
            index += 1
    return out


def _indent(line: str) -> int:
    """Return how many columns a line is indented by."""
    return len(line) - len(line.lstrip())


def _fits(cells: list[tuple[int, str]], starts: list[int]) -> bool:
    """Return True when every cell starts within two columns of one of the header's columns."""
    if not cells:
        return False
    return all(any(abs(column - start) <= 4 for start in starts) for column, _ in cells) or (
        len(cells) == len(starts) and all(abs(c - s) <= 6 for (c, _), s in zip(cells, starts))
    )


def _place(cells: list[tuple[int, str]], starts: list[int]) -> list[str]:
    """Return the cells of a row laid out under the header's columns (empty where a row has no cell)."""
    placed = [""] * len(starts)
    for column, cell in cells:
        slot = min(range(len(starts)), key=lambda i: abs(starts[i] - column))
        placed[slot] = f"{placed[slot]} {cell}".strip()
    return placed
