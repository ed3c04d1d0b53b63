"""Split OCR'd report text into blocks: headings, paragraphs, lead-ins, list items, table rows, captions.

Structure, not wording: a heading is a markdown/bold/ALL-CAPS line, a numbered section
("2.1 ...", "Outcome 1.", "3) ...") or a short stand-alone line; a list item starts with a bullet
glyph ("-", "•", "", "*", "–", "o") and/or a number ("1.", "1)"). OCR quirks handled here:

* soft wraps - a line right under an item that is indented or starts in lower case continues it;
* page breaks - a paragraph or item left without final punctuation continues in the next block
  that starts in lower case, even past footnotes;
* stray markup - ``**``, ``#``, ``<sup>``, ``>`` quote marks;
* flattened tables - ``|``-rows and tab-separated rows become table rows, never prose.

Line numbers are 1-based and refer to the text as read (``\\n``-separated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import CONTINUED_ROW, clean_lines
from .text import join_wrapped, strip_markup, word_set

_BULLET_RE = re.compile(
    r"^(?P<indent>[ \t\u00a0]*)(?P<glyph>[-•▪◦●○■□➢►✓✔*–—]|o|\uf0b7|\uf0a7|\uf076|\uf0d8|\uf0fc)"
    r"[ \t\u00a0]+(?P<rest>\S.*)$"
)
_SUB_GLYPH_RE = re.compile(r"^(?:[o•▪◦\-–*]|\uf0b7|\uf0a7)[ \t\u00a0]+(?=\S)")
_NUMBER_RE = re.compile(r"^(?P<indent>[ \t\u00a0]*)\(?(?P<num>\d{1,3})[.)](?![\d.])[ \t\u00a0]+(?P<rest>\S.*)$")
# Labelled items: "R1.", "Rec. 4:", "Recommendation 3:", "Action 2 -", and lettered or roman sub-items "a)", "(iv)".
_LABEL_ITEM_RE = re.compile(
    r"^(?P<indent>[ \t\u00a0]*)(?:\*\*)?(?:(?:R|Rec\.?|Recommendation|Action|Commitment|AP|Action point)\s*"
    r"(?P<num>\d{1,3})(?:\.\d{1,3})*(?:\s*[.:)\-–—]|\s*(?=\*\*))|(?P<sub>\([a-z]\)|[a-h]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)))"
    r"(?:\*\*)?[ \t\u00a0]*(?:\*\*)?[ \t\u00a0]*(?P<rest>\S.*)$"
)
# "Recommendation 1.1" alone on its line, its text on the lines right under it.
_LABEL_ALONE_RE = re.compile(
    r"^(?P<indent>[ \t\u00a0]*)(?:\*\*)?(?:R|Rec\.?|Recommendation|Action|Commitment|Action point)\s*"
    r"(?P<num>\d{1,3})(?:\.\d{1,3})*\s*[.:]?\s*(?:\*\*)?\s*$"
)
_SECTION_RE = re.compile(
    r"^(?:\d+(?:\.\d+)+\.?|\d+\.[a-z]\.?|[A-H][.)]|(?:[IVX]{1,5}|[LC][IVX]{0,4})[.)]|"
    r"(?:Outcome|Output|Section|Chapter|Part|Annex|Session|Day|Module|Pillar|Theme|Area|Workstream|Component|"
    r"Objective|Goal|Slide|Page|Item)\s+(?:\d+|[IVX]{1,5}|[A-H])\b\s*[.:–—-]?)"
    r"\s+\S",
    re.IGNORECASE,
)
_TABLE_SEPARATOR_RE = re.compile(r"^\|?[\s\-:|]+\|?$")
_CAPTION_RE = re.compile(
    r"^(?:(?:cover\s+)?photo|caption|source|abbreviations?)\b[^:]{0,80}:|^(?:figure|fig\.|table)\s+\d+\b",
    re.IGNORECASE,
)
_CONTINUED_RE = re.compile(r"\((?:continued|cont(?:'d|inued)?\.?)\)|\bcontinued\b", re.IGNORECASE)
_FOOTNOTE_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\])\s*\S")
_LABEL_VALUE_RE = re.compile(r"^[^:]{1,60}:\s+\S")
_UPPER_RE = re.compile(r"[A-ZÀ-Þ]")
_LOWER_RE = re.compile(r"[a-zß-ÿ]")
_TERMINAL = ('.', '!', '?', ';', ':', '"', '”', ')', ']', '’')
_FUNCTION_WORDS = word_set("a an and are as at by for from in is of on or that the their to with was were")


@dataclass
class Block:
    """One structural unit of a report, with its 1-based inclusive line span."""

    kind: str  # heading | paragraph | item | table | caption
    start: int
    end: int
    text: str
    numbered: bool = False  # a heading with a section number ("2.", "2.1", "A.", "Outcome 1")
    depth: int = 0  # items: 0 top level, 1+ nested
    number: int | None = None  # items: "1." -> 1
    lead_in: bool = False  # paragraphs ending with ":" that introduce a list
    cells: tuple[str, ...] = ()  # table rows
    parts: list[str] = field(default_factory=list)  # the wrapped fragments, before joining

    def extend(self, text: str, end: int) -> None:
        """Append a continuation fragment (a soft wrap or a page-broken tail) to this block."""
        self.parts.append(text)
        self.text = join_wrapped([self.text, text]) if self.text else join_wrapped([text])
        self.end = end


def split_blocks(text: str, lines: list[str] | None = None) -> list[Block]:
    """Return the blocks of a report in reading order, continuations joined and lead-ins marked.

    ``lines`` is ``layout.clean_lines(text)`` when the caller has it already.
    """
    lines = clean_lines(text) if lines is None else lines
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        raw = lines[index]
        if not raw.strip():
            index += 1
            continue
        block, index = _read_block(lines, index)
        if block is not None:
            blocks.append(block)
    blocks = _join_table_rows(_join_page_breaks(blocks))
    _mark_lead_ins(blocks)
    return blocks


def _join_table_rows(blocks: list[Block]) -> list[Block]:
    """Return blocks with table rows continued on the next row (or past a page break) joined, repeated headers dropped.

    A row continues the one before when its first cell is empty or starts in lower case; a row equal
    to its table's header (printed again on the next page) is dropped, as is a "(continued)" caption.
    """
    joined: list[Block] = []
    header: Block | None = None
    for block in blocks:
        if block.kind != "table":
            if block.kind == "caption" and _CONTINUED_RE.search(block.text) and header is not None:
                continue
            if block.kind not in ("caption",) and not _CONTINUED_RE.search(block.text):
                header = None
            joined.append(block)
            continue
        previous = joined[-1] if joined and joined[-1].kind == "table" else None
        if header is None or previous is None and not _near(joined, header):
            header = block
            joined.append(block)
            continue
        if block.cells == header.cells:
            continue
        last = joined[-1] if previous is not None else _last_row(joined, header)
        first = next((c for c in block.cells if c), "")
        if last is not None and last is not header and (not block.cells[0] or first[:1].islower()):
            width = max(len(last.cells), len(block.cells))
            cells = [" ".join(filter(None, (_cell(last.cells, i), _cell(block.cells, i)))) for i in range(width)]
            last.cells = tuple(join_wrapped([c]) if c else "" for c in cells)
            last.text = " | ".join(c for c in last.cells if c)
            last.end = block.end
            continue
        joined.append(block)
    return joined


def _cell(cells: tuple[str, ...], index: int) -> str:
    """Return a row's cell, or "" past its end."""
    return cells[index] if index < len(cells) else ""


def _near(blocks: list[Block], header: Block) -> bool:
    """Return True when a table's header is among the last few blocks (only captions or short lines since)."""
    for block in reversed(blocks[-4:]):
        if block is header or (block.kind == "table" and header in blocks):
            return True
        if block.kind not in ("caption", "heading") and not _CONTINUED_RE.search(block.text):
            return False
    return False


def _last_row(blocks: list[Block], header: Block) -> Block | None:
    """Return the last row of the table a header opened."""
    for block in reversed(blocks):
        if block.kind == "table":
            return block
        if block is header:
            return None
    return None


def _unquote(line: str) -> str:
    """Return a line without a leading ">" quote mark, which OCR keeps from callout boxes."""
    stripped = line.lstrip()
    if stripped.startswith(">"):
        return stripped[1:].lstrip()
    return line


def _read_block(lines: list[str], index: int) -> tuple[Block | None, int]:
    """Return the block starting at ``lines[index]`` and the index just after it."""
    raw = _unquote(lines[index].rstrip())
    number = index + 1
    if _is_table_row(raw):
        end = index
        # A ``|`` row broken over lines: it goes on until a line that closes it with "|".
        while raw.strip().startswith("|") and not raw.rstrip().endswith("|") and end + 1 < len(lines) and \
                lines[end + 1].strip() and end - index < 6:
            end += 1
            raw = f"{raw} {lines[end].strip()}"
        while end + 1 < len(lines) and lines[end + 1] == CONTINUED_ROW:
            end += 1  # a wrapped line of a column-aligned row, already joined into it
        cells = _table_cells(raw)
        if not cells:
            return None, end + 1
        return Block("table", number, end + 1, " | ".join(c for c in cells if c), cells=cells), end + 1
    alone = _LABEL_ALONE_RE.match(raw)
    if alone and index + 1 < len(lines) and lines[index + 1].strip() and not _starts_new_block(lines[index + 1]):
        block = Block("item", number, number, "", depth=1 if alone.group("indent") else 0,
                      number=int(alone.group("num")), parts=[])
        index += 1
        while index < len(lines) and lines[index].strip() and not _starts_new_block(lines[index]):
            block.extend(strip_markup(lines[index]), index + 1)
            index += 1
        return block, index
    item = _item_start(raw, standalone=_stands_alone(lines, index))
    if item is not None:
        depth, num, rest = item
        block = Block("item", number, number, "", depth=depth, number=num, parts=[])
        block.extend(strip_markup(rest), number)
        index += 1
        # "**Recommendation 3: Focus on reading.**" over its paragraph: the bold title and the text are one item.
        bold_title = raw.strip().startswith("**") and raw.strip().endswith("**")
        while index < len(lines) and (_continues_item(lines[index]) or _runs_on(block, lines[index])
                                      or _indented_tail(block, lines[index])
                                      or (bold_title and lines[index].strip()
                                          and _item_start(_unquote(lines[index].rstrip())) is None)):
            block.extend(strip_markup(lines[index]), index + 1)
            index += 1
        return block, index
    clean = strip_markup(raw)
    if not clean:
        return None, index + 1
    if _CAPTION_RE.match(clean):
        return Block("caption", number, number, clean), index + 1
    heading = _heading(raw, clean, lines, index)
    if heading is not None:
        return heading, index + 1
    block = Block("paragraph", number, number, "", parts=[])
    block.extend(clean, number)
    index += 1
    while index < len(lines) and lines[index].strip() and not _starts_new_block(lines[index]):
        block.extend(strip_markup(_unquote(lines[index])), index + 1)
        index += 1
    return block, index


def _is_table_row(line: str) -> bool:
    """Return True for a flattened table row: a ``|`` row or a line of tab-separated cells."""
    stripped = line.strip()
    if stripped.startswith("|"):
        return True
    return "\t" in stripped and sum(1 for c in stripped.split("\t") if c.strip()) >= 2


def _table_cells(line: str) -> tuple[str, ...]:
    """Return the non-empty cells of a table row; separator rows ("|---|") have none."""
    stripped = line.strip()
    if _TABLE_SEPARATOR_RE.match(stripped):
        return ()
    if stripped.startswith("|"):
        cells = [strip_markup(c).strip() for c in stripped.strip("|").split("|")]
        return tuple(cells) if any(cells) else ()
    # A tab-separated row keeps its empty cells ("3\tAction\t\tMinistry"): each cell stays under its column.
    cells = [strip_markup(c).strip() for c in stripped.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def _item_start(line: str, standalone: bool = False) -> tuple[int, int | None, str] | None:
    """Return (depth, number, text) when a line starts a list item, else None.

    A numbered line without a bullet glyph is an item when it sits in a list; standing alone
    between blank lines, short and unpunctuated ("1. Regional and country context"), it is a heading.
    """
    label = _LABEL_ITEM_RE.match(line)
    if label and label.group("rest"):
        depth = 1 if label.group("indent") else 0
        if label.group("sub"):
            return depth + 1, None, label.group("rest")
        return depth, int(label.group("num")), label.group("rest")
    bullet = _BULLET_RE.match(line)
    if bullet:
        rest = bullet.group("rest")
        depth = 1 if bullet.group("indent") else 0
        sub = _SUB_GLYPH_RE.match(rest)
        if sub:
            depth, rest = depth + 1, rest[sub.end():]
        numbered = _NUMBER_RE.match(rest)
        if numbered:
            return depth, int(numbered.group("num")), numbered.group("rest")
        return depth, None, rest
    numbered = _NUMBER_RE.match(line)
    if numbered and (not standalone or _looks_like_list_item(numbered.group("rest"))):
        return (1 if numbered.group("indent") else 0), int(numbered.group("num")), numbered.group("rest")
    return None


def _looks_like_list_item(rest: str) -> bool:
    """Return True when a numbered line reads as a list entry rather than a section heading."""
    clean = strip_markup(rest).strip()
    return clean.endswith((".", ";", ",")) or len(clean) > 120 or clean[:1].islower()


def _continues_item(line: str) -> bool:
    """Return True when a line right under an item is its soft-wrapped continuation."""
    if not line.strip() or _starts_new_block(line):
        return False
    return line[:1] in " \t\u00a0" or line.lstrip()[:1].islower()


def _runs_on(block: Block, line: str) -> bool:
    """Return True when an unindented line goes on with an item whose last line stopped mid-sentence.

    Numbered paragraphs ("12. The Consultation brought together ...") wrap at the margin, and so
    does a label left at a line's end ("... – Owner:" then "PHO – Due: Q3 meeting").
    """
    if not line.strip():
        return False
    if _starts_new_block(line):
        # "... – ASEAN TVET Council, with the" / "ILO.": a line cut after a function word goes on
        # whatever the next line looks like, unless it opens a list item.
        words = block.text.split()
        return bool(words) and words[-1].lower() in _FUNCTION_WORDS and _item_start(_unquote(line.rstrip())) is None
    return not block.text.endswith(_TERMINAL) or bool(re.search(r"[–—-]\s*\w+(?:\s\w+)?:$", block.text))


def _indented_tail(block: Block, line: str) -> bool:
    """Return True for an indented line under an unfinished item ("      (ILO)." after "... the next meeting")."""
    return line[:1] in " \t\u00a0" and bool(line.strip()) and not block.text.endswith(_TERMINAL) and \
        _item_start(_unquote(line.rstrip())) is None and not _is_table_row(line)


def _starts_new_block(line: str) -> bool:
    """Return True when a line opens its own block (item, table row, markdown heading, caption)."""
    raw = _unquote(line.rstrip())
    stripped = raw.strip()
    clean = strip_markup(stripped)
    return (
        _item_start(raw) is not None
        or _is_table_row(raw)
        or stripped.startswith("#")
        or bool(_CAPTION_RE.match(clean))
        # A heading in capitals right under a paragraph, with no blank line between.
        or (len(clean) <= 200 and clean[:4].isupper() and _is_capitals(clean))
    )


def _heading(raw: str, clean: str, lines: list[str], index: int) -> Block | None:
    """Return a heading block when the line is one (markup, capitals, section number or stand-alone)."""
    stripped = raw.strip()
    number = index + 1
    if len(clean) > 300:
        return None
    text = clean.rstrip(":").strip()
    numbered = bool(_SECTION_RE.match(clean) or _NUMBER_RE.match(clean))
    if _SECTION_RE.match(clean) and len(text.split()) <= 12 and not clean.endswith((".", ",", ";")) and \
            (_blank_after(lines, index) or _list_follows(lines, index) or _label_follows(lines, index)) and \
            not _next_starts_lowercase(lines, index):
        # "5.1 Health workforce" over its list of actions.
        return Block("heading", number, number, text, numbered=True)
    bold = stripped.startswith("**") and stripped.endswith("**")
    if bold and clean.endswith(":") and len(text.split()) >= 4 and _LEAD_IN_VERB_RE.search(text):
        return None  # "**As organisers, the Network and its partners will:**" opens a list: a lead-in
    if stripped.startswith("#") or bold:
        return Block("heading", number, number, text, numbered=numbered)
    if len(clean) <= 200 and clean[:4].isupper() and _is_capitals(clean):
        return Block("heading", number, number, text, numbered=numbered)
    if len(clean.split()) <= 5 and not clean.endswith((".", ",", ";", "!", ":")) and clean[:1].isupper() and \
            index + 1 < len(lines) and _item_start(_unquote(lines[index + 1].rstrip())) is not None and \
            _indent(raw) <= _indent(lines[index + 1]):
        # "Follow-up" right over its bullets.
        return Block("heading", number, number, text, numbered=numbered)
    if _title_pair_start(lines, index) or (index > 0 and _title_pair_start(lines, index - 1)):
        return Block("heading", number, number, text, numbered=numbered)  # a slide's title over its subtitle
    if not _stands_alone(lines, index) or clean.endswith((".", ",", ";", "!")) or len(clean) > 250:
        return None
    if _next_starts_lowercase(lines, index):
        return None
    if numbered and not clean.endswith(":"):
        return Block("heading", number, number, text, numbered=True)
    if _is_plain_heading(clean) and not (clean.endswith(":") and _list_follows(lines, index)):
        return Block("heading", number, number, text)
    return None


_LEAD_IN_VERB_RE = re.compile(r"\b(?:will|shall|should|must|commits?|pledges?|undertakes?|agrees?|resolves?|"
                              r"calls? (?:on|upon)|urges?|invites?|recommends?)\b")


def _title_pair_start(lines: list[str], index: int) -> bool:
    """Return True for the first of two short unpunctuated lines set apart over a list
    ("Recommendations for NTP (1/2)" / "Diagnosis and prevention", then the bullets)."""
    if index + 3 >= len(lines) or (index > 0 and lines[index - 1].strip()) or lines[index + 2].strip():
        return False
    pair = [lines[index].strip(), lines[index + 1].strip()]
    if not all(p and len(p.split()) <= 10 and p[:1].isupper() and not p.endswith((".", ",", ";", ":", "!", "?"))
               and _item_start(p) is None for p in pair):
        return False
    following = next((line for line in lines[index + 3:index + 6] if line.strip()), "")
    return _item_start(_unquote(following.rstrip())) is not None


def _is_capitals(text: str) -> bool:
    """Return True when a line is written in capitals (at least three letters, 80% upper case)."""
    upper = len(_UPPER_RE.findall(text))
    lower = len(_LOWER_RE.findall(text))
    return upper + lower >= 3 and upper >= 0.8 * (upper + lower)


def _stands_alone(lines: list[str], index: int) -> bool:
    """Return True when the lines before and after are blank (or the text ends)."""
    before = index == 0 or not lines[index - 1].strip()
    after = index + 1 >= len(lines) or not lines[index + 1].strip()
    return before and after


def _indent(line: str) -> int:
    """Return the width of a line's leading white space."""
    return len(line) - len(line.lstrip())


def _label_follows(lines: list[str], index: int) -> bool:
    """Return True when the next line opens with a label ("What: ...", "Owner: ...")."""
    return index + 1 < len(lines) and bool(re.match(r"^\s*[A-Z][a-z]+(?: [a-z]+)?:\s+\S", lines[index + 1]))


def _blank_after(lines: list[str], index: int) -> bool:
    """Return True when the next line is blank (or the text ends)."""
    return index + 1 >= len(lines) or not lines[index + 1].strip()


def _next_starts_lowercase(lines: list[str], index: int) -> bool:
    """Return True when the next non-blank line starts in lower case (a paragraph split by a page break)."""
    for line in lines[index + 1:]:
        if line.strip():
            return line.strip()[:1].islower() and _item_start(_unquote(line.rstrip())) is None
    return False


def _list_follows(lines: list[str], index: int) -> bool:
    """Return True when the next non-blank line is a list item."""
    for line in lines[index + 1:]:
        if line.strip():
            return _item_start(_unquote(line.rstrip())) is not None
    return False


_PART_LABEL_RE = re.compile(r"^(?:agenda\s+)?(?:item|session|part|topic|theme|pillar|module|day|recommendation|"
                            r"(?:priority |action |focus )?area|objective|goal|target)\s+[\dIVXA-H]{1,4}[a-z]?"
                            r"\s*(?::|[.–—-]\s)\s*[A-Z]", re.IGNORECASE)
_SENTENCE_START_RE = re.compile(r"^(?:The|A|An|We|It|This|These|Our|Participants|Members)\s+(?:[\w’'\-]+\s+){0,4}?"
                                r"(?:[a-z]+ed|is|are|was|were|has|have|had|will|shall|said|met|held|took|gave|made)"
                                r"\s+\w+")


def _is_plain_heading(text: str) -> bool:
    """Return True when a short stand-alone line reads as a heading rather than a sentence."""
    words = text.rstrip(":?").split()
    if not words or len(text) > 150 or len(words) > 20 or "http" in text:
        return False
    if not (text[:1].isupper() or text[:1].isdigit() or text[:1] in "\"“'"):
        return False
    if words[-1].lower() in _FUNCTION_WORDS:
        return False
    if _PART_LABEL_RE.match(text):
        return True  # "Agenda item 3: Insuring public assets", "Session 2 - Financing"
    if _SENTENCE_START_RE.match(text):
        return False  # "The Secretariat reported on the actions agreed at the third meeting:" is a sentence
    return not (_LABEL_VALUE_RE.match(text) and not text.endswith(":"))


def _join_page_breaks(blocks: list[Block]) -> list[Block]:
    """Return blocks with page-broken tails (a lower-case start after an unfinished block) joined back."""
    joined: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and block.text[:1].islower():
            target = _unfinished_block(joined)
            if target is not None:
                target.extend(block.text, block.end)
                continue
        joined.append(block)
    return joined


def _unfinished_block(blocks: list[Block]) -> Block | None:
    """Return the last paragraph or item, skipping footnotes and captions, if it lacks final punctuation."""
    for block in reversed(blocks):
        if block.kind == "caption" or (block.kind == "paragraph" and _FOOTNOTE_RE.match(block.text)):
            continue
        # A short fragment ("Human Resources and Capa") is a torn heading, and the lower-case
        # paragraph after it has lost its first letter ("his fourth dialogue"): no join.
        if block.kind in ("paragraph", "item") and not block.text.endswith(_TERMINAL) and (
                len(block.text) >= 80 or (block.text.endswith("-") and len(block.text.split()) >= 4)
                or (block.kind == "item" and len(block.text.split()) >= 6)):
            return block
        return None
    return None


def _mark_lead_ins(blocks: list[Block]) -> None:
    """Mark paragraphs that introduce a list ("..., the WHO should:") as lead-ins."""
    for position, block in enumerate(blocks):
        if block.kind != "paragraph":
            continue
        text = block.text.rstrip()
        if not (text.endswith(":") or (text.endswith(";") and "following" in text.lower())):
            continue
        for later in blocks[position + 1:]:
            if later.kind == "item" or (later.kind == "heading" and later.numbered):
                block.lead_in = True
                break
            if later.kind == "heading":
                break
