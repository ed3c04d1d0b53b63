"""Turn one report into records: themes, priority issues, recommendations, indicators, narratives.

The parser walks the blocks of ``structure.split_blocks`` once, keeping a *zone* set by headings:

* ``rec`` - headings about recommendations, priorities, actions, next steps or summaries ("PRIORITY
  ISSUES AND POLICY RECOMMENDATIONS", "Regional actions", "Conclusion and what's next", "3.a ... key
  priorities for 2025?", "Executive Summary"); list items there are recommendations (a bullet with
  its sub-bullets is one), and so are paragraphs that open with an imperative verb ("Encourage
  agreement and ensure mutual benefit ...");
* ``narrative`` - results, progress, outcomes/outputs, challenges, lessons, issues, outlook. In the
  evidence kinds of report (progress report, SWG report, news - the sidecar's ``kind``) their prose
  becomes one ``NarrativeRecord`` per heading; a list item there is a recommendation only when it
  says "should" (an ILO lesson: "workplans should be constructed ...");
* ``none`` - contents, agenda, background, feedback, panels, speakers, annexes: nothing is taken.
  Findings and speakers' reported views ("Health ministries should ...", "Suggestion: ...") stand in
  such sections and are not recommendations.

A heading without any of those words ("WHO Safeguard list", "Improving Financial Sustainability")
stays in the zone it is in. A lead-in (a paragraph ending in ":" that introduces a list) can switch
the zone for its list ("Challenges:", "the health sector will focus on the following priority
activities:"); a short one naming no one ("Some lessons learned:") also names the section, and a
geographic one ("At the regional level:", "Lao People's Democratic Republic:") gives its items their
country. Numbered titles right under a lead-in ("five priorities have been identified ...:" then
"1. Enhancing Local Voices ...") are items too: the title with its first paragraph.

Priority-issue blocks ("PRIORITY ISSUES AND POLICY RECOMMENDATIONS:") hold numbered issue
statements with the recommendations as bullets beneath. Their theme heading is often lost in OCR,
so each block's theme is read from the heading if it names a theme, else from a theme heading just
before it, else from the intro paragraphs since the previous block (``themes.toml`` keywords). A
bullet in such a block before any numbered issue cannot be placed: ``IngestError``.

Kinds. Items under a lead-in or heading about anticipated/planned work or next steps, or under a
lead-in whose named subject "will" act ("the AAAH will:"), are ``commitment``; under one about
priorities (not "priority issues") ``priority``; everything else ``recommendation``.

Who is responsible (see ``actors``): the subjects of the text's own modal sentences (lead) and
actors it names (support); when it names no lead, the lead-in's subject, else a (non-group) actor
the nearest heading names, else the sidecar's ``default_addressee`` (addressee).

Summaries. A recommendation standing in a summary zone ("KEY TAKEAWAYS ...", "Executive Summary")
that repeats detailed recommendations - at least four shared content words and half of the shorter
sentence, and no conflicting responsible actor - is kept once as a summary item: ``is_summary=True``
and ``repeats`` holding the detailed keys; counting recommendations means counting those with
``is_summary=False``. A summary item that repeats nothing is an ordinary recommendation. This reading
applies to the AAAH report's executive summary too: its lead-in groups ("the region should:", "the
WHO should:", "the AAAH will:") summarise the later "Recommendations" chapter and next steps, so the
items that reappear there are linked, not double-counted.

Support tables. Rows of a table whose header speaks of countries needing / providing support
("Ethical Recruitment Practices ... | Nepal ... | The United Kingdom ...") add their countries to
the recommendations that contain most of the row's need label ("ethical", "recruitment", "practice").

Keys are positional - ``<section or theme slug>[-<issue>]-<ordinal>`` - so editing a bullet's
wording keeps its key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .actors import lead_in_actors, recommendation_actors, split_list, subject_actors
from .countries import country_code, country_codes
from .gazetteer import (
    Gazetteer,
    Mention,
    SdgCatalogue,
    ThemeCatalogue,
    default_gazetteer,
    default_sdgs,
    default_themes,
)
from .indicators import extract_indicators
from .records import (
    IndicatorRecord,
    IngestError,
    NarrativeRecord,
    ParsedDocument,
    PriorityIssueRecord,
    RecommendationRecord,
    SourceDocument,
)
from .structure import Block, split_blocks
from .text import (
    content_words,
    normalise_space,
    overlap,
    repair_joined_words,
    slugify,
    split_sentences,
    word_set,
)

EVIDENCE_KINDS = frozenset({"progress report", "sector working group report", "news"})
EVENT_KINDS = frozenset({"policy dialogue", "side meeting"})

_REC_HEADING_RE = re.compile(
    r"recommend|priorit|next steps?|what'?s next|way forward|(?:regional|global|national|country|key|"
    r"priority|recommended|policy|proposed|joint) actions?|commitments?|anticipated",
    re.IGNORECASE,
)
_NARRATIVE_HEADING_RE = re.compile(
    r"\b(?:results?|achiev\w*|lessons?|challenges?|outcomes?|outputs?|positive aspects?|outlook|progress(?! report)|"
    r"(?<!priority )issues|partnerships?|component|constraints?|difficulties)\b",
    re.IGNORECASE,
)
_STOP_HEADING_RE = re.compile(
    r"\b(?:contents|background|context|introduction|acronyms?|abbreviations?|about|agenda|annex(?:es)?|feedback|"
    r"acknowledg\w*|participants?|profile|objectives?|intentions?|welcome|figures|glimpses|secretariat|"
    r"editors|advisors|note from|panel discussions?|roundtable|round table|speaker session|key messages|"
    r"report of|sincerely|list of|vision|mission|linkages|preparation and review|references|bibliography|"
    r"annual update|photos?)\b|^day \d",
    re.IGNORECASE,
)
_SUMMARY_HEADING_RE = re.compile(r"summary|key takeaways|highlights|at a glance", re.IGNORECASE)
_ISSUES_HEADING_RE = re.compile(r"priority issues?|problem statements?|key issues", re.IGNORECASE)
_COMMITMENT_RE = re.compile(r"anticipated|next steps?|what'?s next|planned|work ?plan|commitments?", re.IGNORECASE)
_PRIORITY_RE = re.compile(r"priorit(?!y issues?)", re.IGNORECASE)
_LEAD_IN_REC_RE = re.compile(r"priorit|recommend|\bshould\b|\bmust\b|\bwill\b|\bshall\b|next steps?|actions?\b",
                             re.IGNORECASE)
_LEAD_IN_NARRATIVE_RE = re.compile(r"challenges?|lessons?|constraints?|difficult", re.IGNORECASE)
_GEO_LABEL_RE = re.compile(
    r"^(?:at the |on the )?(?:regional|global|national|country|international|local|sub-?national|provincial|"
    r"district|community)(?: and (?:regional|global|national|country|local))?(?: levels?)?$",
    re.IGNORECASE,
)
_HEADING_NUMBER_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?[a-z]?\.?|[A-H][.)]|\d+\))\s+")
_HEADING_TAIL_RE = re.compile(r"\s*\((?:continued|cont\.?|[^)]*\bpages?\b[^)]*)\)\s*$", re.IGNORECASE)
_LABEL_VALUE_RE = re.compile(r"^[A-Z][\w ()/&,.'’-]{0,50}:\s")
_FOOTNOTE_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\])")
_SHOULD_RE = re.compile(r"\bshould\b", re.IGNORECASE)
_CONTENTS_RE = re.compile(r"contents", re.IGNORECASE)
_SUPPORT_HEADER_RE = re.compile(r"(?:needing|needs?|requiring|providing|provides?)\s+support", re.IGNORECASE)
_WORDS_RE = re.compile(r"[a-z0-9]+")
_TITLE_WORD_RE = re.compile(r"^(?:[A-Z0-9][\w'’/\-]*|and|of|on|for|to|the|in|with|&)$")

IMPERATIVE_VERBS = word_set(
    """accelerate address adopt advocate align allocate amplify apply assess build collaborate conduct consider
    continue coordinate create design develop eliminate encourage enforce engage enhance ensure establish
    evaluate exempt expand explore extend facilitate focus forge foster harmonise harmonize identify implement
    improve incorporate increase initiate integrate introduce invest leverage maintain make mandate mobilise
    mobilize monitor prepare prioritise prioritize promote protect provide raise recall recognise recognize
    reduce review revise scale secure set share simplify streamline strengthen support take train update
    upgrade use"""
)
_NOT_AFTER_IMPERATIVE = word_set("is are was were has have of to for and")

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_COUNT = r"(?P<count>\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:one|two|three|" \
         r"four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|" \
         r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_PARTICIPATION_RES = (
    (re.compile(rf"\b{_COUNT}\s+(?:people|participants|individuals|delegates|attendees|representatives|experts)"
                r"\b[^.;]{0,60}?\b(?:participated|joined|attended|took part|came from|come from|were present)",
                re.IGNORECASE), "participants"),
    (re.compile(rf"\b{_COUNT}\s+students\b", re.IGNORECASE), "students"),
    (re.compile(rf"\bfrom\s+{_COUNT}\s+(?:different\s+)?countries\b", re.IGNORECASE), "countries"),
)
# Two patterns, each opening with a literal word, so the engine can skip straight to candidates.
_MEMBERS_RES = (re.compile(r"members?\s+(?:include|includes|are|comprise|were)\s+([^.]+)\."),
                re.compile(r"extended to include\s+([^.]+)\."))
_COUNT_BEFORE_RE = re.compile(r"\d|one|two|three|four|five|six|seven|eight|nine|ten|twelve|teen|ty\b", re.I)
_PARTICIPATION_NOUN_RES = tuple(
    re.compile(rf"{noun}\b") for noun in
    ("people", "participants", "individuals", "delegates", "attendees", "representatives", "experts", "students",
     "countries")
)


@dataclass
class Zone:
    """What a stretch of the report under one heading is: its kind, and whether it is a summary."""

    kind: str = "none"  # rec | narrative | none
    summary: bool = False
    issues: bool = False
    context: str = ""


@dataclass
class _Candidate:
    """A recommendation being assembled while walking the blocks."""

    parts: list[str]
    start: int
    end: int
    section: str
    kind: str
    addressees: list[str]
    prefix: str
    theme: str = ""
    issue: int | None = None
    countries: list[str] = field(default_factory=list)
    in_summary: bool = False
    depth: int = 0
    forced_kind: str = ""

    @cached_property
    def text(self) -> str:
        """Return the recommendation's text: the item, then each sub-item on its own line (read after the walk)."""
        return "\n".join(repair_joined_words(normalise_space(p)) for p in self.parts if p.strip())


@dataclass
class _Walk:
    """The parser's state while it walks one report's blocks."""

    source: SourceDocument
    gazetteer: Gazetteer
    themes: ThemeCatalogue
    consumed: frozenset[int]
    zone: Zone = field(default_factory=Zone)
    heading: str = ""
    heading_actors: list[str] | None = None  # read from the heading when first needed
    lead_in: Block | None = None
    lead_in_actors: list[str] = field(default_factory=list)
    lead_in_modal: str = ""
    lead_in_kind: str = ""
    lead_in_section: str = ""
    lead_in_items: int = 0
    next_title_number: int = 1
    label_countries: list[str] = field(default_factory=list)
    block_theme: str = ""
    issue: PriorityIssueRecord | None = None
    issues: list[PriorityIssueRecord] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    neutral_headings: list[str] = field(default_factory=list)
    candidates: list[_Candidate] = field(default_factory=list)
    top: _Candidate | None = None
    title_item: _Candidate | None = None
    narratives: list[NarrativeRecord] = field(default_factory=list)
    narrative_parts: list[tuple[str, int, int]] = field(default_factory=list)
    narrative_heading: str = ""
    toc_themes: list[str] = field(default_factory=list)
    support_rows: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)
    in_support_table: bool = False


def parse_document(
    source: SourceDocument,
    gazetteer: Gazetteer | None = None,
    themes: ThemeCatalogue | None = None,
    sdgs: SdgCatalogue | None = None,
) -> ParsedDocument:
    """Turn one report and its sidecar into records; raise ``IngestError`` rather than drop one.

    Without catalogues the ones in ``fixtures/`` are used. Finding no recommendation is not an
    error (a news item may have none); a recommendation that cannot be placed is.
    """
    gazetteer = gazetteer or default_gazetteer()
    themes = themes or default_themes()
    sdgs = sdgs or default_sdgs()
    blocks = split_blocks(source.text)
    scan = extract_indicators(blocks)
    walk = _Walk(source=source, gazetteer=gazetteer, themes=themes, consumed=scan.consumed_lines)
    if source.sidecar.kind == "news":
        # A news item is evidence from its first line; it has no section headings to say so.
        walk.zone = Zone("narrative", context="news")
    for block in blocks:
        _visit(walk, block)
    _close_list(walk)
    _close_title_item(walk)
    _flush_narrative(walk)
    document_theme = _document_theme(themes, blocks, walk)
    records = _finish_recommendations(walk, document_theme, sdgs)
    theme_names = _document_themes(walk, records, document_theme)
    network, members = _members(source.text, gazetteer)
    return ParsedDocument(
        source=source,
        themes=theme_names,
        priority_issues=tuple(walk.issues),
        recommendations=records,
        indicators=tuple(_replace_theme(i, document_theme) for i in scan.indicators),
        narratives=tuple(walk.narratives),
        members=members,
        network=network,
        participation=participation(source.text) if source.sidecar.kind in EVENT_KINDS else {},
    )


# --- zones -------------------------------------------------------------------------------------


def heading_zone(text: str, current: Zone) -> tuple[Zone, bool]:
    """Return the zone a heading opens, and whether the heading is neutral (keeps the current zone)."""
    rec = bool(_REC_HEADING_RE.search(text))
    narrative = bool(_NARRATIVE_HEADING_RE.search(text))
    summary = bool(_SUMMARY_HEADING_RE.search(text))
    issues = bool(_ISSUES_HEADING_RE.search(text))
    # "Key results ... compared to the 2023 RTIM policy recommendations" reports results: narrative.
    if rec and not (narrative and not _PRIORITY_RE.search(text) and not issues):
        return Zone("rec", summary or current.summary, issues, text), False
    if narrative:
        return Zone("narrative", False, False, text), False
    if _STOP_HEADING_RE.search(text):
        return Zone("none", False, False, text), False
    if summary:
        return Zone("rec", True, False, text), False
    return current, True


def _lead_in_kind(text: str) -> str:
    """Return the zone a lead-in sets for its list ("rec", "narrative") or "" to keep the heading's."""
    if _LEAD_IN_NARRATIVE_RE.search(text):
        return "narrative"
    if _LEAD_IN_REC_RE.search(text):
        return "rec"
    return ""


def clean_heading(text: str) -> str:
    """Return a heading as a section name: no "(continued)", page hints or trailing colon."""
    return repair_joined_words(_HEADING_TAIL_RE.sub("", normalise_space(text)).rstrip(":").strip())


# --- the walk ----------------------------------------------------------------------------------


def _visit(walk: _Walk, block: Block) -> None:
    """Update the walk with one block."""
    if block.kind == "heading":
        _visit_heading(walk, block)
    elif block.kind == "paragraph":
        _visit_paragraph(walk, block)
    elif block.kind == "item":
        _visit_item(walk, block)
    elif block.kind == "table":
        _visit_table(walk, block)


def _visit_heading(walk: _Walk, block: Block) -> None:
    """Open a new section, or - under a lead-in in a recommendation zone - a numbered title item."""
    _close_list(walk)
    _close_title_item(walk)
    if _is_title_item(walk, block):
        title = _HEADING_NUMBER_RE.sub("", block.text).strip()
        walk.title_item = _new_candidate(walk, title, block)
        walk.next_title_number += 1
        return
    walk.zone, neutral = heading_zone(block.text, walk.zone)
    walk.heading = clean_heading(block.text)
    walk.heading_actors = None
    walk.lead_in, walk.lead_in_actors, walk.lead_in_modal, walk.lead_in_kind = None, [], "", ""
    walk.lead_in_section = ""
    walk.label_countries = []
    walk.in_support_table = False
    _flush_narrative(walk)
    if walk.zone.issues and not neutral:
        walk.block_theme = _block_theme(walk, block.text)
        walk.issue = None
        walk.intro, walk.neutral_headings = [], []
    elif neutral:
        walk.neutral_headings.append(walk.heading)
    else:
        walk.intro, walk.neutral_headings = [], []


def _is_title_item(walk: _Walk, block: Block) -> bool:
    """Return True for "1. Enhancing Local Voices ..." under a lead-in that introduces numbered titles.

    Only a lead-in in a recommendation zone whose list has not started, followed by titles
    numbered 1, 2, 3 ... in order: a later "4. What are the key lessons ..." is a new section.
    """
    if walk.lead_in is None or walk.zone.kind != "rec" or walk.zone.issues or not block.numbered:
        return False
    if walk.lead_in_items:
        return False
    number = re.match(r"\d+", block.text)
    return bool(number) and int(number.group(0)) == walk.next_title_number


def _block_theme(walk: _Walk, heading: str) -> str:
    """Return the theme of a priority-issue block: named by a heading, else read from its intro."""
    for part in re.split(r"[:–—-]", heading):
        named = walk.themes.named(part.strip())
        if named:
            return named
    for neutral in reversed(walk.neutral_headings):
        named = walk.themes.named(neutral)
        if named:
            return named
    return walk.themes.classify(" ".join(walk.intro))


def _visit_paragraph(walk: _Walk, block: Block) -> None:
    """Take a paragraph as a lead-in, a title item's body, an imperative recommendation or narrative."""
    text = block.text
    if walk.title_item is not None and len(walk.title_item.parts) == 1 and not block.lead_in:
        walk.title_item.parts.append(text)
        walk.title_item.end = block.end
        return
    _close_list(walk)
    _close_title_item(walk)
    if block.lead_in:
        _visit_lead_in(walk, block)
        return
    walk.intro.append(text)
    kind = walk.lead_in_kind or walk.zone.kind
    if kind == "rec" and not walk.zone.issues and _is_imperative(text):
        walk.candidates.append(_new_candidate(walk, text, block))
    elif kind == "narrative":
        _add_narrative(walk, text, block)


def _visit_lead_in(walk: _Walk, block: Block) -> None:
    """Record a lead-in: who it makes responsible, or the countries a geographic label names."""
    label = block.text.rstrip(":; ").strip()
    names = [n for n in re.split(r",\s*|\s+and\s+", label) if n]
    if _GEO_LABEL_RE.match(label) or (names and all(country_code(n) for n in names)):
        walk.label_countries = [country_code(n) for n in names if country_code(n)]
        return
    walk.lead_in = block
    walk.lead_in_actors, walk.lead_in_modal = lead_in_actors(block.text, walk.gazetteer)
    walk.lead_in_kind = _lead_in_kind(block.text)
    walk.lead_in_items, walk.next_title_number = 0, 1
    walk.label_countries = []
    # A short lead-in naming no one ("Challenges:", "Some lessons learned:") is a sub-heading.
    short = len(label.split()) <= 8 and not walk.lead_in_actors
    walk.lead_in_section = label if short else ""
    if walk.lead_in_kind == "narrative" or (not walk.lead_in_kind and walk.zone.kind == "narrative"):
        if short:
            _flush_narrative(walk)
            walk.narrative_heading = label
        else:
            _add_narrative(walk, block.text, block)


def _is_imperative(text: str) -> bool:
    """Return True when a paragraph starts with a verb in the imperative ("Establish human resource ...")."""
    words = re.findall(r"[A-Za-z'’\-]+", text[:80])
    if len(words) < 3 or not text[:1].isupper():
        return False
    return words[0].lower() in IMPERATIVE_VERBS and words[1].lower() not in _NOT_AFTER_IMPERATIVE


def _visit_item(walk: _Walk, block: Block) -> None:
    """Place a list item: a priority issue, a recommendation (or one of its sub-items), or narrative."""
    if block.start in walk.consumed:
        return
    _close_title_item(walk)
    walk.intro = []
    walk.lead_in_items += 1
    kind = walk.lead_in_kind or walk.zone.kind
    if kind == "rec" and walk.zone.issues:
        _issue_item(walk, block)
    elif kind == "rec":
        if walk.top is not None and block.depth > walk.top.depth:
            walk.top.parts.append(block.text)
            walk.top.end = block.end
        else:
            _close_list(walk)
            walk.top = _new_candidate(walk, block.text, block)
            walk.top.depth = block.depth
    elif kind == "narrative":
        if _SHOULD_RE.search(block.text):
            candidate = _new_candidate(walk, block.text, block)
            candidate.forced_kind = "recommendation"
            walk.candidates.append(candidate)
        else:
            _add_narrative(walk, block.text, block)


def _issue_item(walk: _Walk, block: Block) -> None:
    """In a priority-issue block: a numbered item opens an issue, a bullet is a recommendation of it."""
    if block.number is not None:
        _close_list(walk)
        walk.issue = PriorityIssueRecord(theme=walk.block_theme, number=block.number,
                                         text=repair_joined_words(block.text),
                                         line_span=(block.start, block.end))
        walk.issues.append(walk.issue)
        return
    if walk.issue is None:
        raise IngestError(walk.source.path, "recommendation bullet stands before any numbered priority issue "
                                            "of its block; number the issue or move the bullet", line=block.start)
    if walk.top is not None and walk.top.issue == walk.issue.number and block.depth > walk.top.depth:
        walk.top.parts.append(block.text)
        walk.top.end = block.end
        return
    _close_list(walk)
    walk.top = _new_candidate(walk, block.text, block)
    walk.top.depth = block.depth


def _visit_table(walk: _Walk, block: Block) -> None:
    """Read contents rows that name themes and rows of tables of countries needing / providing support."""
    if _CONTENTS_RE.search(walk.heading):
        named = walk.themes.named(block.cells[0]) if block.cells else ""
        if named and named not in walk.toc_themes:
            walk.toc_themes.append(named)
    if _SUPPORT_HEADER_RE.search(block.text):
        walk.in_support_table = True
        return
    if walk.in_support_table and len(block.cells) >= 2:
        walk.support_rows.append((block.cells[0], block.cells[1:], block.start))


def _new_candidate(walk: _Walk, text: str, block: Block) -> _Candidate:
    """Return a recommendation started at a block, with its section, kind and fallback addressees."""
    in_issue = walk.zone.issues and walk.issue is not None
    section = (walk.block_theme or walk.heading) if in_issue else (walk.lead_in_section or walk.heading)
    if walk.heading_actors is None:
        walk.heading_actors = [m.surface for m in walk.gazetteer.scan(walk.heading) if m.entry.kind != "group"]
    addressees = walk.lead_in_actors or walk.heading_actors
    if not addressees and walk.source.sidecar.default_addressee:
        addressees = [walk.source.sidecar.default_addressee]
    prefix = slugify(section)
    return _Candidate(
        parts=[text], start=block.start, end=block.end, section=section, kind=_kind(walk),
        addressees=list(addressees), prefix=f"{prefix}-{walk.issue.number}" if in_issue else prefix,
        theme=walk.block_theme if in_issue else "", issue=walk.issue.number if in_issue else None,
        countries=list(walk.label_countries), in_summary=walk.zone.summary,
    )


def _kind(walk: _Walk) -> str:
    """Return recommendation, commitment or priority for items under the current lead-in and heading."""
    lead_in = walk.lead_in.text if walk.lead_in is not None else ""
    if lead_in:
        if _COMMITMENT_RE.search(lead_in):
            return "commitment"
        if _PRIORITY_RE.search(lead_in):
            return "priority"
        if walk.lead_in_actors and walk.lead_in_modal in ("will", "shall"):
            return "commitment"
    context = f"{walk.zone.context} {walk.heading}"
    if _COMMITMENT_RE.search(context):
        return "commitment"
    if _PRIORITY_RE.search(context):
        return "priority"
    return "recommendation"


def _close_list(walk: _Walk) -> None:
    """Finish the list item being assembled (its sub-items are all in)."""
    if walk.top is not None:
        walk.candidates.append(walk.top)
        walk.top = None


def _close_title_item(walk: _Walk) -> None:
    """Finish a numbered title item ("1. Enhancing Local Voices ..." with its first paragraph)."""
    if walk.title_item is not None:
        walk.candidates.append(walk.title_item)
        walk.title_item = None


def _add_narrative(walk: _Walk, text: str, block: Block) -> None:
    """Collect evidence prose under the current heading (evidence kinds of report only)."""
    if walk.source.sidecar.kind not in EVIDENCE_KINDS or not walk.heading:
        return
    # Cover-page lines ("Donor: Belgium, Luxembourg") and footnotes are not evidence.
    if block.kind == "paragraph" and (len(text) < 80 or _LABEL_VALUE_RE.match(text) or _FOOTNOTE_RE.match(text)):
        return
    if len(text) < 20:
        return
    if not walk.narrative_heading:
        walk.narrative_heading = walk.heading
    walk.narrative_parts.append((text, block.start, block.end))


def _flush_narrative(walk: _Walk) -> None:
    """Close the narrative being collected into one record per heading (or lead-in label)."""
    if walk.narrative_parts:
        walk.narratives.append(NarrativeRecord(
            heading=walk.narrative_heading or walk.heading,
            text="\n".join(t for t, _, _ in walk.narrative_parts),
            line_span=(walk.narrative_parts[0][1], walk.narrative_parts[-1][2]),
        ))
    walk.narrative_parts = []
    walk.narrative_heading = ""


# --- finishing ---------------------------------------------------------------------------------


def _finish_recommendations(walk: _Walk, document_theme: str, sdgs: SdgCatalogue) -> tuple[RecommendationRecord, ...]:
    """Return the final records: actors, countries, keys, SDGs, then summary links and support tables."""
    gazetteer = walk.gazetteer
    keys = _keys(walk.candidates)
    records: list[RecommendationRecord] = []
    for candidate, key in zip(walk.candidates, keys, strict=True):
        text = candidate.text
        words = set(_WORDS_RE.findall(text.lower()))
        mentions = gazetteer.scan(text, words)
        countries = list(dict.fromkeys([*candidate.countries, *_countries(text, mentions)]))
        records.append(RecommendationRecord(
            key=key, text=text, section=candidate.section, line_span=(candidate.start, candidate.end),
            theme=candidate.theme or document_theme, issue_number=candidate.issue,
            kind=candidate.forced_kind or candidate.kind,
            actors=recommendation_actors(text, gazetteer, candidate.addressees, mentions),
            countries=tuple(countries), sdg_goals=sdgs.tag(text, words),
        ))
    records = _link_summaries(records, [c.in_summary for c in walk.candidates], gazetteer)
    return _attach_support_rows(records, walk.support_rows)


def _keys(candidates: list[_Candidate]) -> list[str]:
    """Return a stable key per candidate: its section (and issue) slug plus its ordinal there."""
    counts: Counter[str] = Counter()
    keys = []
    for candidate in candidates:
        counts[candidate.prefix] += 1
        keys.append(f"{candidate.prefix}-{counts[candidate.prefix]}")
    return keys


def _countries(text: str, mentions: list[Mention]) -> tuple[str, ...]:
    """Return the countries a text names, ignoring those inside organisation names ("Mekong-U.S. Partnership")."""
    masked = text
    for mention in mentions:
        if mention.entry.kind != "government" or not country_code(mention.surface):
            masked = masked[: mention.start] + " " * (mention.end - mention.start) + masked[mention.end:]
    return country_codes(masked)


def _lead_keys(text: str, gazetteer: Gazetteer) -> set[str]:
    """Return the resolved names of the subjects of the modal sentences of a text."""
    keys = set()
    for sentence in split_sentences(text.replace("\n", " ")):
        actors, _ = subject_actors(sentence, gazetteer)
        for actor in actors:
            entry = gazetteer.resolve(actor)
            keys.add(entry.name if entry else actor.lower())
    return keys


def _responsible(record: RecommendationRecord, gazetteer: Gazetteer) -> set[str]:
    """Return the resolved names of a record's leads and addressees."""
    names = set()
    for mention in record.actors:
        if mention.role in ("lead", "addressee"):
            entry = gazetteer.resolve(mention.name)
            names.add(entry.name if entry else mention.name.lower())
    return names


def _link_summaries(records: list[RecommendationRecord], in_summary: list[bool],
                    gazetteer: Gazetteer) -> list[RecommendationRecord]:
    """Return records with summary items linked to the detailed recommendations they repeat."""
    if not any(in_summary):
        return records
    details = [r for r, summary in zip(records, in_summary, strict=True) if not summary]
    detail_sentences = [
        (r, [(content_words(s), _lead_keys(s, gazetteer)) for s in split_sentences(r.text.replace("\n", " "))],
         _responsible(r, gazetteer))
        for r in details
    ]
    linked = []
    for record, summary in zip(records, in_summary, strict=True):
        if not summary:
            linked.append(record)
            continue
        repeats = _repeated_keys(record, detail_sentences, gazetteer)
        if repeats:
            themes = Counter(r.theme for r in details if r.key in repeats and r.theme)
            theme = themes.most_common(1)[0][0] if themes else record.theme
            record = _replace(record, is_summary=True, repeats=tuple(repeats), theme=theme)
        linked.append(record)
    return linked


def _repeated_keys(record: RecommendationRecord, details, gazetteer: Gazetteer) -> list[str]:
    """Return the keys of the detailed recommendations a summary item repeats (same actors, same words)."""
    sentences = split_sentences(record.text.replace("\n", " "))
    with_subject = [s for s in sentences if _lead_keys(s, gazetteer)]
    sentences = with_subject or sentences
    responsible = _responsible(record, gazetteer)
    repeats: list[str] = []
    for sentence in sentences:
        words = content_words(sentence)
        leads = _lead_keys(sentence, gazetteer) or responsible
        for detail, detail_sentences, detail_responsible in details:
            for detail_words, detail_leads in detail_sentences:
                shared = words & detail_words
                if len(shared) < 4 or overlap(words, detail_words) < 0.5:
                    continue
                other = detail_leads or detail_responsible
                if leads and other and not leads & other:
                    continue
                if detail.key not in repeats:
                    repeats.append(detail.key)
                break
    return repeats


def _replace(record: RecommendationRecord, **changes) -> RecommendationRecord:
    """Return a copy of a frozen record with some fields changed."""
    values = {name: getattr(record, name) for name in record.__dataclass_fields__}
    values.update(changes)
    return RecommendationRecord(**values)


def support_label(cell: str) -> str:
    """Return the need a support-table row is about: the Title Case words that open its first cell."""
    words = re.sub(r"^\d+\.\s*", "", cell).split()
    label: list[str] = []
    for word in words:
        if not _TITLE_WORD_RE.match(word):
            break
        label.append(word)
    # The run ends on the capitalised first word of the description ("... Enhancement Upgrading the").
    if len(label) < len(words) and label and label[-1][:1].isupper():
        label.pop()
    while label and label[-1].lower() in ("and", "of", "on", "for", "to", "the", "in", "with", "&"):
        label.pop()
    return " ".join(label)


def _attach_support_rows(records: list[RecommendationRecord],
                         rows: list[tuple[str, tuple[str, ...], int]]) -> tuple[RecommendationRecord, ...]:
    """Return records with the countries of matching support-table rows added (need label words in the text)."""
    attached = list(records)
    record_words: dict[int, frozenset[str]] = {}
    for first_cell, other_cells, _ in rows:
        label = support_label(first_cell)
        label_words = content_words(label)
        countries = [code for cell in other_cells for code in country_codes(cell)]
        if len(label_words) < 2 or not countries:
            continue
        prefixes = [w[:5] for w in label.lower().split() if len(w) > 3]
        for index, record in enumerate(attached):
            lowered = record.text.lower()
            # Cheap test first: a record sharing fewer than two of the label's word beginnings cannot match.
            if sum(prefix in lowered for prefix in prefixes) < 2:
                continue
            if index not in record_words:
                record_words[index] = content_words(record.text)
            shared = label_words & record_words[index]
            if len(shared) >= 2 and len(shared) / len(label_words) >= 2 / 3:
                merged = tuple(dict.fromkeys([*record.countries, *countries]))
                attached[index] = _replace(record, countries=merged)
    return tuple(attached)


def _document_theme(themes: ThemeCatalogue, blocks: list[Block], walk: _Walk) -> str:
    """Return the theme a report is mostly about, read from its headings, lead-ins and recommendations.

    Those carry the subject; reading them rather than the whole text also keeps a 100-kilobyte
    report's classification cheap. Without any, the opening of the text decides.
    """
    parts = [b.text for b in blocks if b.kind == "heading" or b.lead_in]
    parts.extend(c.text for c in walk.candidates)
    return themes.classify(" ".join(parts)) or themes.classify(walk.source.text[:20000])


def _replace_theme(indicator: IndicatorRecord, theme: str) -> IndicatorRecord:
    """Return an indicator carrying the report's theme."""
    values = {name: getattr(indicator, name) for name in indicator.__dataclass_fields__}
    values["theme"] = theme
    return IndicatorRecord(**values)


def _document_themes(walk: _Walk, records: tuple[RecommendationRecord, ...], document_theme: str) -> tuple[str, ...]:
    """Return the document's themes: those its contents list, its issue blocks and its recommendations have."""
    names = [*walk.toc_themes, *(i.theme for i in walk.issues), *(r.theme for r in records)]
    names = [n for n in dict.fromkeys(names) if n]
    return tuple(names) if names else ((document_theme,) if document_theme else ())


def _count(raw: str) -> int:
    """Return the integer a count is written as ("55", "1,400", "Fifty-five")."""
    raw = raw.lower().replace(",", "")
    if raw.isdigit():
        return int(raw)
    return sum(_NUMBER_WORDS.get(part, 0) for part in re.split(r"[\s\-]+", raw))


def participation(text: str) -> dict[str, int]:
    """Return the participation figures a report states (participants, in person / virtual, students, countries).

    Only past-tense statements count ("More than 50 people participated", "22 participants joined
    virtually", "Fifty-five participants come from 17 different countries"); plans ("approximately
    60 in-person attendees" at future events) do not. The first figure of each kind wins.
    """
    figures: dict[str, int] = {}
    # Look only around the nouns: running the count patterns over the whole report is slow.
    nouns = sorted((m for regex in _PARTICIPATION_NOUN_RES for m in regex.finditer(text)), key=lambda m: m.start())
    windows = [text[max(0, m.start() - 60): m.end() + 80] for m in nouns
               if _COUNT_BEFORE_RE.search(text[max(0, m.start() - 30): m.start()])]
    for regex, key in _PARTICIPATION_RES:
        for match in (found for window in windows for found in regex.finditer(window)):
            window = match.string[max(0, match.start() - 40): match.end() + 40].lower()
            if " will " in window:
                continue
            name = key
            if key == "participants":
                if "virtual" in window:
                    name = "participants_virtual"
                elif "in-person" in window or "in person" in window:
                    name = "participants_in_person"
            figures.setdefault(name, _count(match.group("count")))
    return figures


def _members(text: str, gazetteer: Gazetteer) -> tuple[str, tuple[str, ...]]:
    """Return the network a report reports members of, and those members ("Founding members include ...")."""
    members: list[str] = []
    seen: set[str] = set()
    matches = sorted((m for regex in _MEMBERS_RES for m in regex.finditer(text)), key=lambda m: m.start())
    for match in matches:
        listed = match.group(1)
        for item in split_list(re.sub(r"\([^)]*\)", "", listed), gazetteer):
            mentions = gazetteer.scan(item)
            name = mentions[0].surface if mentions else _strip_article(item)
            entry = gazetteer.resolve(name)
            key = entry.name if entry else name.lower()
            if name and key not in seen and len(name.split()) <= 10:
                seen.add(key)
                members.append(name)
    if not members:
        return "", ()
    networks = gazetteer.network_counts(text)
    return (networks.most_common(1)[0][0] if networks else ""), tuple(members)


def _strip_article(text: str) -> str:
    """Return a list item without a leading "the" and surrounding punctuation."""
    text = normalise_space(text).strip(" ,;:")
    return text[4:] if text.lower().startswith("the ") else text
