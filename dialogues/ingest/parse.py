"""Turn one report into records: themes, priority issues, recommendations, indicators, narratives.

Pure passes over immutable data, each one testable on a few lines of text:

1. ``structure.split_blocks`` - page furniture and contents removed, blocks (headings,
   paragraphs, lead-ins, list items, table rows) with their line spans;
2. ``sections.section_tree`` - each block's section, with its heading level and *role* (action,
   mixed, evidence, skip) read from what the heading's words say;
3. recognisers per role, below - in an action section every list item, numbered paragraph and row
   of a table whose header names recommendations or actions is an item; in a mixed section (and
   where no heading says anything) a passage is an item only when it *reads* as an action: a
   modal or commitment verb with a subject ("Dam operators should ...", "The Ministry will ...",
   "Member States are encouraged to ..."), an imperative ("Deploy the 600 midwives ..."), an
   operative verb ("Calls upon Member States ...") or a named owner ("(MoH, WHO)"). A lead-in
   ("... ministries of labour should:", "The following actions were agreed:") makes its items
   actions and names their actors; one about findings or challenges makes them evidence;
4. exclusions, everywhere - quoted speech and attributed views ("... the Vice Minister said",
   "Participants noted that ..."), findings, earlier recommendations listed with their status,
   preambular paragraphs ("Recalling ..."), and bare headings set as list items;
5. ``responsible.item_actors`` - who is to act, from an open vocabulary; the gazetteer only
   normalises;
6. linking - summary items to the detailed recommendations they repeat; indicators from
   ``indicators.extract_indicators``.

Each item carries its kind (recommendation | commitment | priority, from its verb, lead-in or
section), its line span and the rule that produced it. ``ParsedDocument.explanation`` lists each
section's role and why, and every passage of an action or mixed section that was not taken.

Priority-issue blocks (a heading naming "priority issues" and recommendations) hold numbered
issue statements with recommendations as bullets beneath; their theme comes from the heading or
the intro paragraphs before them (``themes.toml`` keywords).

Keys are positional - ``<section or theme slug>[-<issue>]-<ordinal>`` - so editing an item's
wording keeps its key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .countries import country_code, country_codes
from .gazetteer import (
    Gazetteer,
    Mention,
    SdgCatalogue,
    ThemeCatalogue,
    actor_key,
    default_gazetteer,
    default_sdgs,
    default_themes,
    singular,
)
from .indicators import extract_indicators
from .layout import clean_lines
from .records import (
    IndicatorRecord,
    IngestError,
    NarrativeRecord,
    ParsedDocument,
    PriorityIssueRecord,
    RecommendationRecord,
    SourceDocument,
)
from .responsible import (
    ACTOR_HEADS,
    COMMITMENT_VERBS,
    DECISION_LABEL_RE,
    LEADING_OWNER_RE,
    OWNER_COLON_RE,
    action_verb,
    adopting_body,
    cell_names,
    clean_name,
    decision_line,
    definite_names,
    directive_object,
    distribute,
    head_noun,
    infinitive_subject,
    is_actor,
    is_body,
    is_passive,
    item_actors,
    lead_and_partners,
    organisation_acronyms,
    signatories,
    split_list,
    split_names,
    subject_actors,
    subject_text,
    subjunctive_subject,
    task_follows,
    we_directive,
    without_noting,
    without_partner_prefix,
)
from .sections import COMMITMENT_RE, DOCUMENT, NEWS, PRIORITY_RE, Section, heading_name, section_tree
from .structure import Block, split_blocks
from .text import (
    content_words,
    join_wrapped,
    normalise_space,
    overlap,
    repair_joined_words,
    slugify,
    split_sentences,
    word_set,
)
from .verbs import directive_lemma, is_base_verb, is_imperative_start, is_past_form, reads_as_statement

EVIDENCE_KINDS = frozenset({"progress report", "sector working group report", "news"})
EVENT_KINDS = frozenset({"policy dialogue", "side meeting"})

_REPORTED_RE = re.compile(
    r"\b(?:said|says|stated|states|noted|notes|observed|stressed|emphasi[sz]ed|underlined|underscored|"
    r"highlighted|argued|remarked|explained|told|mentioned|pointed out|recalled|cautioned|warned|felt|"
    r"believed|added|asserted|claimed|reported|heard|found|showed|shows|revealed|indicated|suggested|"
    r"acknowledged|admitted|insisted|complained|wondered|asked whether|spoke|reiterated|underscored|underlines|"
    r"proposed|put forward|concludes|concluded|expressed|voiced|took note|argue|argues|believe|believes|claim|claims|"
    r"think|thinks|objected|countered|replied|responded|contended|maintained|doubted|questioned|"
    r"underscores|highlights|emphasi[sz]es|stresses|notes|observes|[Aa]ccording to (?:the )?[A-Z]|"
    r"[Ii]n (?:his|her|their) (?:view|words|remarks|opinion)|the view that|were of the opinion)\b"
)
# "Riparian states should ...": a word followed by a modal is the subject's noun, not a reporting verb.
_FINITE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|do|does|did|\w+n[’']t)\b", re.IGNORECASE)
_MODAL_AFTER_RE = re.compile(r"\s+(?:should|must|will|shall|can|could|may|need|needs|are|were|have|has)\b")
_QUOTED_RE = re.compile(r"[\"“][^\"”]{8,}[\"”]")
_STATUS_RE = re.compile(
    r"\b(?:ha(?:s|ve|d) been (?:fully |partly |partially |largely |only )?(?:implemented|completed|achieved|adopted|"
    r"superseded|met|done)|(?:is|are|was|were) (?:not )?(?:yet )?(?:fully |partly |partially )?(?:implemented|"
    r"completed|achieved|superseded)\b|not yet (?:reflected|implemented|started|begun|achieved)|"
    r"(?:was|were) superseded)"
    r"|[:\-–—]\s*(?:fully |partly |partially |largely )?(?:completed?|implemented|achieved|not (?:yet )?"
    r"(?:started|implemented|achieved|begun)|in progress|ongoing|on track|off track|delayed|pending|superseded|"
    r"done|dropped)\b[^.]{0,60}\.?$"
    r"|^(?:recommendations?|actions?)\s+\d+[\w/.]*\s*(?:to\s+\d+\s*)?\(\d{4}\)",
    re.IGNORECASE,
)
_PREAMBULAR_RE = re.compile(
    r"^(?:recalling|noting|recogni[sz]ing|acknowledging|welcoming|reaffirming|bearing in mind|mindful|aware|"
    r"concerned|having|taking note|expressing|emphasi[sz]ing|underlining|stressing|considering|convinced|"
    r"determined|deeply|guided|appreciating|commending|affirming|acknowledges|welcomes|notes|recogni[sz]es|"
    r"recalls|takes note|expresses|thanks|thank you|decides to remain seized|"
    r"we (?:also |further )?(?:note|welcome|recall|recogni[sz]e|acknowledge|reaffirm|express|thank|look forward|"
    r"appreciate|commend))\b",
    re.IGNORECASE,
)
_LEAD_IN_ACTION_RE = re.compile(
    r"\brecommend\w*|\bpriorit(?:y|ies)\b(?!\s+issues?)|\bactions?\b|\bsteps\b|\bmeasures\b|\bcommit\w*|\bagreed\b|"
    r"\bpropos\w*|\bshould\b|\bmust\b|\bwill\b|\bshall\b|\bcalls? (?:on|upon)\b|\burge[sd]?\b|\bencourage[sd]?\b|"
    r"\bneeds? to\b|\bfollowing (?:points|areas)\b|\bpledge\w*|\bdecided?\b|\bresolved?\b|\bagree\b|"
    r"\bundertake\b|\bcall (?:on|upon)\b|\btask\b|\basks? (?:that|for)\b|\brequests? that\b|\bcalls? for\b|"
    r"\burges? that\b",
    re.IGNORECASE,
)
_LEAD_IN_EVIDENCE_RE = re.compile(
    r"\bchallenges?\b|\blessons?\b|\bconstraints?\b|\bdifficult\w*|\bfound\b|\bfindings?\b|\bnoted\b|\breported\b|"
    r"\bobserved\b|\bdiscussed\b|\bhighlighted\b|\bincluded?\b|\bprogress\b|\bstatus\b|\bcompleted\b|\bresults?\b|"
    r"\bachievements?\b|\bissues\b|\braised\b|\bconcerns?\b|\bthemes?\b|\btopics?\b|\bexamples?\b|\bsaid\b|"
    r"\bspeakers?\b|\bpanel\w*|\bobjectives?\b|\baims?\b|\bwere reviewed\b",
    re.IGNORECASE,
)
_LEAD_IN_MIXED_RE = re.compile(r"\boutcomes?\b|\bkey messages?\b|\bconclu\w*|\btakeaways?\b|\bfollow[\s-]?up\b",
                               re.IGNORECASE)
# A heading naming bodies ("Donors and development banks") holds no phrase words ("Access to services")
# and no head that is as often a topic as a body ("Health services", "Social protection system").
_PHRASE_WORDS = word_set("to in on at with by from into through towards under against")
_TOPIC_HEADS = word_set("service system sector programme program network platform fund")
# A lead-in that introduces the contents of what it makes, not further actions.
_CONTENTS_LEAD_RE = re.compile(r"\b(?:that|which)\s+(?:covers?|includes?|sets? out|lists?|describes?|contains?)\s*:\s*$"
                               r"|\b(?:covering|including|listing|setting out|on|with|such as|namely)\s*:\s*$")
# What a meeting arranges about itself: meeting again, sending on the text it adopted.
_PROCEDURAL_RE = re.compile(r"\boffer(?:ed)?\s+(?:of\s+[^.;]{0,80}?\s+)?to\s+host\b|"
                            r"\bconvey (?:this|these|the present|the outcomes?|the results|its outcome)\b|"
                            r"\b(?:transmit|present|submit|forward|send) (?:(?:this|these|the present) (?:\w+ ){0,2}"
                            r"(?:document|summary|report|proceedings|communiqu|statement|declaration|minutes|table)|"
                            r"(?:Table|Annex|Matrix) \w+ to\b)",
                            re.IGNORECASE)
_TASK_LABELS = word_set("what action task activity recommendation measure step output deliverable ask")
_WE_HEADING_RE = re.compile(r"^We\s+(?:(?:also|further|hereby|jointly)\s+)?(?:agree|commit|will|pledge|resolve|decide|"
                            r"undertake)\b")
# "Participants (also) proposed that X ...", "The Meeting recommended that ...": the whole meeting's ask
# (not "Several participants suggested that ...", one view among others).
_COLLECTIVE_PROPOSAL_RE = re.compile(
    r"^(?:(?:The|All)\s+)?(?:participants|meeting|dialogue|forum|workshop|conference|consultation|round table|"
    r"delegates|they)\s+(?:also\s+|further\s+)?(?:proposed|recommended|urged|called for|asked)\s+that\s+\S",
    re.IGNORECASE)
# "Pledge to be announced at the third Dialogue", "TBC": a row with nothing asked yet.
_UNDECIDED_RE = re.compile(r"^(?:\w+\s+)?(?:to be (?:announced|confirmed|decided|agreed|determined)|tba|tbc|tbd)\b",
                           re.IGNORECASE)
_CHECKBOX_RE = re.compile(r"^\s*\[(?P<mark>[ xX✓✔])\]\s+")
_VERDICT_RE = re.compile(r"(?:^|\s)(?:(?:Partially|Partly|Fully)\s+)?(?:accepted|agreed)\.$", re.IGNORECASE)
_INTRODUCES_RE = re.compile(r"\bthe following\s+(?:\w+\s+)?(?:actions?|commitments?|steps|recommendations?|measures|"
                            r"priorities|decisions|points)\b[^.;:]{0,60}[.:]?\s*$", re.IGNORECASE)
_AGREED_RE = re.compile(r"\b(?:agreed|committed|pledged|undertook|undertaken|signed up)\b", re.IGNORECASE)
_AGREED_BELOW_RE = re.compile(r"\b(?:below|following|as follows|(?:this|the) table|listed here)\b", re.IGNORECASE)
_GEO_LABEL_RE = re.compile(
    r"^(?:at the |on the |in the )?(?:regional|global|national|country|international|local|sub-?national|provincial|"
    r"district|community|sub-?regional)(?: and (?:regional|global|national|country|local|sub-?regional))?"
    r"(?: levels?)?$",
    re.IGNORECASE,
)
_HEADING_ADDRESSEE_RE = re.compile(
    r"\b(?:actions?|recommendations?|priorities|commitments?|steps|measures)\s+(?:for|by)\s+"
    r"(?:the\s+)?(?P<names>[^?]+?)(?:\s+(?:in|by|for)\s+\d{4}.*)?$",
    re.IGNORECASE,
)
_LABEL_RE = re.compile(r"^([^:]{2,120}?):\s+(\S.*)$", re.DOTALL)
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and|or)\s+|\s*,\s*|\s+(?:and|or)\s+|\s*/\s*")
_REC_COLUMN_RE = re.compile(
    r"recommend|action|commitment|measure|activit|intervention|what|proposal|step|priorit|task|deliverable|"
    r"pledge(?!r)",
    re.IGNORECASE)
_LEAD_COLUMN_RE = re.compile(
    r"\blead|responsib|agenc|owner|who\b|by whom|implement|actor|institution|entity|ministry|organi[sz]ation|"
    r"pledger|pledged by|signator",
    re.IGNORECASE)
_SUPPORT_COLUMN_RE = re.compile(r"support|partner|collaborat|co-?lead|^\s*(?:together |jointly )?with\s*$|involv|"
                                r"contribut", re.IGNORECASE)
_STATUS_COLUMN_RE = re.compile(r"status|progress|achieved|implemented|result", re.IGNORECASE)
_STATUS_CELL_RE = re.compile(
    r"^(?:fully |partly |partially |largely |not yet |not )?(?:completed?|implemented|achieved|started|in progress|"
    r"ongoing|on track|off track|delayed|pending|done|dropped|superseded|met|underway|under way)\b",
    re.IGNORECASE,
)
_LABEL_VALUE_RE = re.compile(r"^[A-Z][\w ()/&,.'’-]{0,50}:\s")
_FOOTNOTE_RE = re.compile(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d+\])")
_CONTENTS_RE = re.compile(r"contents", re.IGNORECASE)
_WORDS_RE = re.compile(r"[a-z0-9]+")
_QUESTION_RE = re.compile(r"\?\s*$")
_NEED_RE = re.compile(
    r"\bthere(?:'s|’s| is| was) (?:an? )?(?:\w+ )?need (?:to|for)\b|\b(?:is|are) (?:urgently |also )?needed\b|"
    r"\bit(?:'s|’s| is) (?:\w+ )?(?:essential|important|crucial|critical|vital|necessary|imperative|urgent) "
    r"(?:to|that)\b",
    re.IGNORECASE,
)
_RUN_ON_CLAUSES_RE = re.compile(r"(?:(?<=:)|(?<=;)|(?<=; and)|(?<=, and))\s*\([a-z]\)\s+")
_TERMINAL_MARKS = (".", "!", "?", ";")
_BODY_DIRECTIVE_SENTENCE_RE = re.compile(
    r"^(?:The|It)\b[^.]{0,80}?\b(?:requested|urged|invited|encouraged|called (?:on|upon)|asked|tasked)\s")
_MONEY_RE = re.compile(r"^[^.]{0,40}?(?:USD|US\$|\$|€|EUR|£)\s?\d")
_PARAGRAPH_NUMBER_RE = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+\.)\s+(?=[A-Z])")
_RECOMMENDATION_LABEL_RE = re.compile(r"^\s*(?:\*\*)?(?:R|Rec\.?|Recommendation)\s*\d{1,3}\b", re.IGNORECASE)

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




@dataclass(frozen=True)
class LeadIn:
    """What a lead-in ("..., the WHO should:") says about the items after it."""

    role: str  # action | evidence | "" (the section's)
    kind: str  # "" or the kind its verb or words give
    actors: tuple[str, ...]
    countries: tuple[str, ...]
    label: str  # a short lead-in naming no one is also the items' section name ("Challenges")
    supports: tuple[str, ...] = ()  # "..., in cooperation with the weather services:" the partners


@dataclass
class _Candidate:
    """An item being assembled: its first block, sub-items and where it came from."""

    parts: list[str]
    start: int
    end: int
    section: str
    kind: str
    rule: str
    addressees: list[str]
    leads: list[str]
    supports: list[str] = field(default_factory=list)
    prefix: str = ""
    theme: str = ""
    issue: int | None = None
    countries: list[str] = field(default_factory=list)
    in_summary: bool = False
    depth: int = 0
    is_lead_in: bool = False

    frozen: str = ""  # the text, once the item is complete

    @property
    def text(self) -> str:
        """Return the item's text: the item, then each sub-item on its own line."""
        return self.frozen or "\n".join(repair_joined_words(normalise_space(p)) for p in self.parts if p.strip())


@dataclass
class _Table:
    """The header of a table of recommendations or actions, and its columns."""

    header: Block
    text_column: int
    lead_columns: tuple[int, ...]
    support_columns: tuple[int, ...]
    width: int
    strict: bool  # a pipe table with a separator row: every row must fit its header
    status_column: int = -1


def parse_document(
    source: SourceDocument,
    gazetteer: Gazetteer | None = None,
    themes: ThemeCatalogue | None = None,
    sdgs: SdgCatalogue | None = None,
) -> ParsedDocument:
    """Turn one report and its sidecar into records; raise ``IngestError`` rather than drop one.

    Without catalogues the ones in ``fixtures/`` are used. Finding no recommendation is not an
    error (a news item may have none); a table row that does not fit its header is.
    """
    gazetteer = gazetteer or default_gazetteer()
    themes = themes or default_themes()
    sdgs = sdgs or default_sdgs()
    lines = clean_lines(source.text)
    blocks = split_blocks(source.text, lines)
    scan = extract_indicators(blocks)
    top = NEWS if source.sidecar.kind == "news" else DOCUMENT
    sections = section_tree(blocks, lines, top)
    reader = _Reader(source, gazetteer, themes, scan.consumed_lines, lines)
    for position, (block, section) in enumerate(zip(blocks, sections, strict=True)):
        reader.following = blocks[position + 1] if position + 1 < len(blocks) else None
        reader.visit(block, section)
    reader.close()
    document_theme = _document_theme(themes, blocks, reader.candidates, source)
    records = _finish(reader, document_theme, sdgs)
    theme_names = _document_themes(reader, records, document_theme)
    network, members = _members(source.text, gazetteer)
    return ParsedDocument(
        source=source,
        themes=theme_names,
        priority_issues=tuple(reader.issues),
        recommendations=records,
        indicators=tuple(_replace_theme(i, document_theme) for i in scan.indicators),
        narratives=tuple(reader.narratives),
        members=members,
        network=network,
        participation=participation(source.text) if source.sidecar.kind in EVENT_KINDS else {},
        explanation=tuple(reader.explanation),
    )


# --- recognisers ---------------------------------------------------------------------------------


def reported(sentence: str) -> bool:
    """Return True for quoted speech or an attributed view ("..., the Vice Minister said")."""
    if sentence.lstrip()[:1] in "\"“”":
        return True
    if _COLLECTIVE_PROPOSAL_RE.match(sentence.strip()):
        return False  # "Participants proposed that ...": the meeting's own ask, not one speaker's view
    verb = action_verb(sentence)
    if _QUOTED_RE.search(sentence) and (verb is None or _inside_quotes(sentence, verb.start())):
        return True
    said = next((m for m in _REPORTED_RE.finditer(sentence) if not _MODAL_AFTER_RE.match(sentence, m.end())), None)
    if said is None:
        return False
    if verb is None:
        # No action to attribute: only a sentence that opens by saying who spoke is reported speech.
        return len(sentence[: said.start()].split()) <= 8 and not is_imperative_start(sentence)
    # "The Ministry should ..., as the review found" is still a recommendation only when the
    # action comes first and is not what was said; a reporting verb before the action attributes it.
    return verb is None or said.start() < verb.start() or bool(re.search(r",\s*(?:he|she|they|\w+) (?:said|noted)\b",
                                                                             sentence[verb.start():]))


def _inside_quotes(sentence: str, position: int) -> bool:
    """Return True when a position stands inside a quotation."""
    return any(m.start() < position < m.end() for m in _QUOTED_RE.finditer(sentence))


def is_status(text: str) -> bool:
    """Return True for an earlier recommendation or action listed with its status.

    "... has been implemented" counts in the main clause, not in "a review of what has been done".
    """
    text = text.strip()
    for match in _STATUS_RE.finditer(text):
        # Not in "a review of what has been done", "until the upgrades are completed".
        if not re.search(r"\b(?:what|which|that|who|whether|how|until|once|when|after|before|unless|if)\s+"
                         r"(?:\w+\s+){0,3}$", text[: match.start()], re.IGNORECASE):
            return True
    return False


def is_title(text: str) -> bool:
    """Return True for a bare heading set as a list item ("Improving Migration Policies")."""
    clean = text.strip().rstrip(":")
    words = clean.split()
    if not words or len(words) > 12 or clean.endswith((".", ";", "!", "?")) or action_verb(clean):
        return False
    capitals = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    small = sum(1 for w in words if w.lower() in ("and", "of", "for", "the", "in", "on", "to", "&", "a", "with"))
    return capitals + small == len(words)


def action_reading(text: str, gazetteer: Gazetteer, need: bool = False) -> tuple[str, str] | None:
    """Return (kind, rule) when a passage reads as an action, else None.

    kind is "commitment" for will/commit/agree verbs, else "" (the section's or lead-in's kind).
    With ``need``, in an action section, "There is a need to ...", "... is needed", "It is essential
    to ..." read as actions too.
    """
    flat = without_noting(_PARAGRAPH_NUMBER_RE.sub("", " ".join(text.split())))
    if not flat or _PREAMBULAR_RE.match(flat) or _QUESTION_RE.search(flat.split("\n")[0]) or \
            re.search(r"\bas follows\s*[.:]?$", flat) or \
            _procedural(flat):
        return None
    first = flat.split()[0]
    opening = split_sentences(flat)[:1]
    if opening and reported(opening[0]) and not directive_lemma(first):
        return None  # "Group 2 proposed that ...": what someone put forward, not what was agreed
    if _COLLECTIVE_PROPOSAL_RE.match(flat):
        return "", "collective-proposal"
    if _INTRODUCES_RE.search(flat):
        return None  # "The partners agreed to take the following actions." opens a list; it is not one
    lemma = directive_lemma(first)
    if lemma:
        return ("commitment" if lemma in ("decide", "agree", "commit", "resolve", "pledge", "undertake") else "",
                "operative-paragraph")
    if is_past_form(first.lower()) and not is_base_verb(first.lower()) and not first.isupper():
        return None  # "Coordinated with the Ministry of Finance ...": what was done
    if DECISION_LABEL_RE.match(flat):
        decided = decision_line(flat, gazetteer)
        return (decided[0], "decision-line") if decided else None
    leading = LEADING_OWNER_RE.match(flat)
    if leading and len(leading.group("owner").split()) <= 12 and not re.search(r"\d", leading.group("owner")) and \
            task_follows(flat[leading.start("verb"):]):
        return "", "owner-assignment"  # "PCD — Share the draft regulation with ..."
    owner = OWNER_COLON_RE.match(flat)
    if owner and is_base_verb(owner.group("verb")):
        return ("commitment" if owner.group("modal").lower() in ("will", "shall") else "", "owner-assignment")
    body_directive = _BODY_DIRECTIVE_SENTENCE_RE.match(flat)
    if body_directive and directive_object(flat, gazetteer):
        return "", "operative-paragraph"
    spoken = we_directive(flat)
    if spoken:
        return ("commitment" if spoken in ("task", "direct", "instruct", "mandate", "entrust") else "recommendation",
                "operative-paragraph")
    sentences = split_sentences(flat)
    modal = _modal_reading(sentences[:1], gazetteer, strict=not need)
    if modal is not None:
        return modal  # "Dam operators should ..." before "Dam" is read as an imperative
    labels = [label.lower() for label in re.findall(r"(?:^|\s)([A-Z][a-z]+(?: [a-z]+){0,2}):\s", flat)] \
        if flat.count(":") >= 3 else []
    if len(labels) >= 3 and not _TASK_LABELS.intersection(labels):
        return None  # "Event: ... Date: ... Venue: ...": a block of particulars, not an action ("What: ..." is one)
    unlabelled = _instruction_text(flat)
    if is_imperative_start(unlabelled) and not reads_as_statement(unlabelled) and not _names_who_did(unlabelled):
        return "", "imperative"
    if infinitive_subject(flat, gazetteer):
        return "", "infinitive-action"
    modal = _modal_reading(sentences[1:], gazetteer, strict=not need)
    if modal is not None:
        return modal
    if need and _NEED_RE.search(flat) and not reported(flat):
        return "", "need-statement"
    return None


def _procedural(text: str) -> bool:
    """Return True for what a meeting arranges about itself ("We accept the offer of Malaysia to host the
    next meeting"), not for an action with such a clause after it (", which Viet Nam has offered to host")."""
    if "host" not in text and not any(word in text for word in ("transmit", "present", "submit", "forward", "send",
                                                                  "convey")):
        return False
    return bool(_PROCEDURAL_RE.search(re.split(r",\s*(?:which|where|who|when)\b", " ".join(text.split()))[0]))


def _instruction_text(text: str) -> str:
    """Return a passage as its instruction would start: without a short label ("Data: publish ...") or a
    partner phrase before it ("Working with national training institutes, bring short courses ...")."""
    return without_partner_prefix(_without_label(text))


def _ask_family(sentence: str) -> str:
    """Return, cheaply, whether a sentence instructs ("Publish ..."), says what someone should do (a modal
    verb), or neither ("")."""
    if action_verb(sentence) is not None:
        return "statement"
    return "instruction" if is_imperative_start(_instruction_text(sentence)) else ""


def _family(rule: str) -> str:
    """Return whether a reading instructs ("Publish ...") or states what someone should do."""
    return "instruction" if rule in ("imperative", "infinitive-action", "owner-assignment") else "statement"


def _names_who_did(text: str) -> bool:
    """Return True when a verb-like first word is a noun naming bodies that then did something:
    "Trade unions and several governments objected ...", not "Support governments to ..."."""
    words = [w.strip(",;:").lower() for w in text.split()[:9]]
    if len(words) < 3 or not words[1].endswith("s"):
        return False
    if any(w in ("do", "does", "did", "are", "is", "were", "was", "have", "has", "had", "remain", "remains")
           for w in words[2:6]):
        return True  # "Waste pickers do most of the work", "Air fares to the region were higher": a noun and its verb
    if singular(words[1]) in ACTOR_HEADS:
        return any(is_past_form(w) or w in ("is", "are", "was", "were", "has", "have") for w in words[2:])
    # "Key takeaways from these sessions included the need ...": a plural noun, then its past-tense verb.
    return any(is_past_form(w) and not is_base_verb(w) and following in ("the", "a", "an", "that", "to")
               for w, following in zip(words[2:], words[3:]))


def _modal_reading(sentences: list[str], gazetteer: Gazetteer, strict: bool = False) -> tuple[str, str] | None:
    """Return (kind, rule) for the first sentence with a modal or commitment verb and a subject.

    ``strict`` (outside action sections): the subject must be someone who can act, or the verb
    passive ("Data should be shared"); "The list should include ..." is not taken there.
    """
    for sentence in sentences:
        if reported(sentence):
            continue
        verb = action_verb(sentence)
        if verb is None:
            continue
        raw_subject = sentence[: verb.start()].strip()
        subject = subject_text(sentence, verb)
        word = verb.group("verb").lower()
        commitment = bool(COMMITMENT_VERBS.match(word))
        if not subject or _FINITE_BEFORE_RE.search(subject) or re.search(r"\b(?:which|who|whom)$", raw_subject) or \
                re.search(r"(?:\b[a-z]+\s+|^)(?:whether|how|why|what|if)\b", raw_subject, re.IGNORECASE) or \
                re.search(r"\bwho\s+(?:wish|wishes|want|wants|would like)\b|\bwishing\s+to\b", raw_subject):
            continue  # the modal belongs to a clause inside another sentence ("discussed whether X should")
        if re.search(r"\b(?:the|a|an|this|that|their|its|our|any|no|urgent|pressing|clear)$", raw_subject,
                     re.IGNORECASE):
            continue  # "included the need to ...": "need" is a noun here
        if re.match(r"\s+(?:not\s+)?have\s+\w+", sentence[verb.end():]) and word in ("should", "must", "could"):
            continue  # "the programme should have started earlier": what ought to have been, not an ask
        lowered = subject.lower()
        if lowered in ("it", "this", "that", "there", "these", "those", "which", "what", "who", "they", "he", "she",
                       "you", "one", "its", "such"):
            continue
        if commitment and re.match(r"\s*(?:not|never)\b|n[’']t\b", sentence[verb.end():]):
            continue  # "Blaming parents will not save a single child"
        if commitment:
            if lowered.split(",")[0].strip() in ("we", "participants", "the participants"):
                return "commitment", "commitment-sentence"
            if is_passive(sentence, verb) or not subject_actors(subject, gazetteer):
                continue
            return "commitment", "commitment-sentence"
        if strict and not is_passive(sentence, verb) and not subject_actors(subject, gazetteer) and \
                not word.startswith("recommend"):
            continue
        return "", "modal-sentence"
    return None


def _without_label(text: str) -> str:
    """Return an item without a short label before a colon ("Data: publish ..." -> "publish ...")."""
    match = _LABEL_RE.match(text)
    if match and len(match.group(1).split()) <= 6:
        rest = match.group(2)
        return rest[:1].upper() + rest[1:]
    return text


def read_lead_in(text: str, gazetteer: Gazetteer, we: tuple[str, ...] = ()) -> LeadIn:
    """Return what a lead-in makes of the items after it (``we``: whom a statement's "We" stands for)."""
    label = _PARAGRAPH_NUMBER_RE.sub("", text.rstrip(":; ").strip())
    names = [n for n in _LIST_SPLIT_RE.split(label) if n]
    if _GEO_LABEL_RE.match(label) or (names and all(country_code(n) for n in names)):
        return LeadIn("", "", (), tuple(country_code(n) for n in names if country_code(n)), "")
    actors: list[str] = []
    kind = ""
    supports: list[str] = []
    for sentence in split_sentences(label) or [label]:
        verb = action_verb(sentence)
        recommended = re.search(r"\brecommend(?:s|ed)? that\s+(?P<who>.+)$", sentence)
        if recommended and not re.search(r"\b[a-z]+(?:s|ed)?\s+(?:the|a|an|their|its)\b", recommended.group("who")):
            # "The Meeting recommended that national agencies, in cooperation with weather services:"
            lead, partners = lead_and_partners(recommended.group("who"))
            actors = subject_actors(lead, gazetteer)
            if partners:
                supports = [clean_name(p) for p in split_names(partners, gazetteer) if clean_name(p)]
            continue
        if verb is not None and not reported(sentence) and not is_passive(sentence, verb):
            subject = subject_text(sentence, verb)
            actors = list(we) if re.match(r"^we\b", subject, re.IGNORECASE) else subject_actors(subject, gazetteer)
            if COMMITMENT_VERBS.match(verb.group("verb")) and actors:
                kind = "commitment"
    if not actors:
        actors = directive_object(label, gazetteer)
    if not actors and (re.match(r"^(?:Commit|Pledge|Undertake|Resolve)\s+(?:ourselves\s+|themselves\s+)?to\b", label)
                       or re.search(r"\bwe\s+(?:(?:also|further|hereby|jointly)\s+)?(?:commit|pledge|undertake|resolve)"
                                    r"(?:\s+ourselves)?(?:\s+to)?$", label, re.IGNORECASE)
                       or re.search(r"\b(?:our|their)\s+(?:(?:firm|strong|full|joint)\s+)?(?:commitment|determination|"
                                    r"resolve|pledge)\s+to$", label, re.IGNORECASE)):
        actors, kind = list(we), "commitment"  # a declaration's "Commit ourselves to:", "..., we commit:"
    if not actors and we and re.search(r"\b(?:we|our|ourselves)\b", label, re.IGNORECASE) and \
            not re.search(r"\b(?:call|urge|invite|request|encourage|ask)\w*\b", label, re.IGNORECASE):
        actors = list(we)  # "Hereby declare our commitment to:", "Our pledges:": what the signatories take on
        kind = kind or ("commitment" if re.search(r"\b(?:commit|pledge|undertak|will|resolve|promise|declare)\w*",
                                                  label, re.IGNORECASE) else "")
    if not actors and len(label.split()) <= 6 and not _LEAD_IN_ACTION_RE.search(label) and \
            not _LEAD_IN_EVIDENCE_RE.search(label):
        # "Governments:", "Donors and development banks:" over their bullets: the label names who acts.
        named = [n for n in (clean_name(p) for p in split_list(label, gazetteer)) if n and is_actor(n, gazetteer)]
        if named and len(named) == len(split_list(label, gazetteer)):
            actors = named
    short = len(label.split()) <= 8 and not actors
    if COMMITMENT_RE.search(label) and not kind:
        kind = "commitment"
    elif PRIORITY_RE.search(label) and not kind:
        kind = "priority"
    action = _LEAD_IN_ACTION_RE.search(label)
    evidence = _LEAD_IN_EVIDENCE_RE.search(label)
    if (actors and action) or re.search(r"\bfollowing\s+(?:\w+\s+)?(?:commitments?|recommendations?|actions?|"
                                       r"priorities|steps|pledges|decisions|proposals)\b", label, re.IGNORECASE):
        role = "action"  # "The speakers made the following commitments:" introduces commitments
    elif _LEAD_IN_MIXED_RE.search(label) and not action:
        role = "mixed"
    elif evidence and (not action or evidence.start() < action.start() or reported(label)):
        role = "evidence"
    elif action:
        role = "action"
    else:
        role = ""
    return LeadIn(role, kind, tuple(actors), (), label if short else "", tuple(supports))


def heading_addressees(heading: str, gazetteer: Gazetteer) -> list[str]:
    """Return who a heading makes responsible ("Rural retention: actions for ministries of health")."""
    names: list[str] = []
    match = _HEADING_ADDRESSEE_RE.search(heading_name(heading))
    if match:
        for part in split_list(match.group("names"), gazetteer):
            name = clean_name(part)
            if name and is_actor(name, gazetteer) and not country_code(name):
                names.append(name)
    label = re.sub(r"^(?:for|to)\s+(?:the\s+)?", "", heading_name(heading).rstrip(":").strip(), flags=re.IGNORECASE)
    # Only a label that ends in a body's name can name bodies: the cheap test first.
    last = label.split(" and ")[-1]
    parts = distribute(split_list(label, gazetteer), gazetteer) if not names and len(label.split()) <= 8 and (
        last.isupper() or head_noun(last) in ACTOR_HEADS) and is_body(last, gazetteer) else []
    listed = [clean_name(p) for p in parts]
    if listed and all(n and is_body(n, gazetteer) and not country_code(n) and len(n.split()) <= 6
                      and (not n.isupper() or gazetteer.resolve(n) is not None)  # "SUMMARY" is a word, "ASEAN" a body
                      and not _PHRASE_WORDS.intersection(n.lower().split()) and head_noun(n) not in _TOPIC_HEADS
                      for n in listed):
        names = listed  # "Donors and development banks" over the asks made of them
    things = re.search(r"\b(?:things|steps|ways|actions)\s+(?:that\s+)?(?P<who>[a-z][\w\s’'\-]+?)\s+"
                       r"(?:can|could|should|must|will)\b", heading_name(heading), re.IGNORECASE)
    if not names and things:
        # "Five things ministries can do now"
        names = [n for n in (clean_name(p) for p in split_list(things.group("who"), gazetteer))
                 if n and is_actor(n, gazetteer, subject=True)]
    if not names:
        names = [m.surface for m in gazetteer.scan(heading) if m.entry.kind != "group" and not country_code(m.surface)]
    return names


def label_countries(text: str) -> list[str]:
    """Return the countries of a "Mongolia, Jordan and Samoa: do X" label."""
    match = _LABEL_RE.match(text)
    if not match:
        return []
    names = [n.strip() for n in _LIST_SPLIT_RE.split(match.group(1)) if n.strip()]
    if names and all(country_code(n) for n in names):
        return [country_code(n) for n in names]
    return []


# --- the reader ----------------------------------------------------------------------------------


class _Reader:
    """Reads the blocks of one report in order and collects its items, issues and narratives."""

    def __init__(self, source: SourceDocument, gazetteer: Gazetteer, themes: ThemeCatalogue,
                 consumed: frozenset[int], lines: list[str]):
        self.source, self.gazetteer, self.themes, self.consumed, self.lines = source, gazetteer, themes, consumed, lines
        self.we = tuple(signatories(source.text[:5000]))  # whom a statement's "We" stands for
        self.acronyms = organisation_acronyms(source.text)
        self.addressee_cache: dict[str, list[str]] = {}  # headings recur ("Recommendations" in every section)
        self.candidates: list[_Candidate] = []
        self.issues: list[PriorityIssueRecord] = []
        self.narratives: list[NarrativeRecord] = []
        self.explanation: list[str] = []
        self.toc_themes: list[str] = []
        self.section: Section | None = None
        self.lead_in: LeadIn | None = None
        self.agreed = False
        self.caption_kind = ""
        self.lead_in_depth: int | None = None  # depth of the first item under the lead-in
        self.sub_heading = ""
        self.top: _Candidate | None = None
        self.table: _Table | None = None
        self.issue: PriorityIssueRecord | None = None
        self.block_theme = ""
        self.intro: list[str] = []
        self.heading_actors: list[str] = []
        self.narrative: list[tuple[str, int, int]] = []
        self.narrative_heading = ""
        self.previous: Block | None = None
        self.following: Block | None = None  # the block after the one being read
        self.box: Block | None = None  # the passage of a one-column box being read

    # -- dispatch

    def visit(self, block: Block, section: Section) -> None:
        """Take one block in the section it stands in."""
        if section is not self.section:
            self._open(section, block)
        if block.kind == "heading":
            self.previous = block
            return
        if block.start in self.consumed:
            self.previous = block
            return
        if block.kind == "caption":
            # "Table 2. Priority actions 2026-2028": what the rows of the table under it are.
            self.caption_kind = "priority" if PRIORITY_RE.search(block.text) else \
                "commitment" if COMMITMENT_RE.search(block.text) else ""
        elif block.kind == "table":
            self._table_row(block)
        elif block.kind == "paragraph" and block.lead_in:
            self._close_item()
            self.lead_in = read_lead_in(block.text, self.gazetteer, self.we)
            self.lead_in_depth = None
            self.table = None
        elif block.kind == "paragraph":
            self._paragraph(block)
        elif block.kind == "item":
            self._item(block)
        self.previous = block

    def close(self) -> None:
        """Finish the item and narrative being assembled; the items' texts are final from here on."""
        self._close_item()
        self._flush_narrative()
        for candidate in self.candidates:
            candidate.frozen = candidate.text

    def _open(self, section: Section, block: Block) -> None:
        """Start a new section: reset the lead-in, explain the role."""
        self._close_item()
        self._flush_narrative()
        self.section, self.lead_in, self.sub_heading, self.table = section, None, "", None
        self.agreed = False  # an intro paragraph said that what follows was agreed
        self.caption_kind = ""
        if section.heading and section.heading not in self.addressee_cache:
            self.addressee_cache[section.heading] = heading_addressees(section.heading, self.gazetteer)
        named = list(self.addressee_cache.get(section.heading, []))
        if not named and section.role == "action" and section.heading and not self.source.sidecar.default_addressee:
            # "Priorities agreed at the debrief, NTP 2026-2027": a body the report's own abbreviations define
            # (weaker than the addressee the sidecar names).
            bare = re.sub(r"\([^)]*\)", " ", section.heading)  # "Sector Working Group (SWG)" defines, not addresses
            named = [word for word in re.findall(r"\b[A-Z][A-Za-z&]{1,9}\b", bare) if word in self.acronyms]
        # A neutral sub-heading keeps whom the heading above it addressed ("Next steps for the Secretariat",
        # then "1. ...").
        # A label beside another ("**Donors:**", then "**Access to services:**") is a sibling, not a sub-heading.
        label = section.line <= len(self.lines) and self.lines[section.line - 1].rstrip().rstrip("*").endswith(":")
        sibling = label and self.section is not None and self.section.level == section.level == 3
        self.heading_actors = named or (self.heading_actors if section.reason.startswith("inherited") and not sibling
                                        else [])
        if _WE_HEADING_RE.match(heading_name(section.heading)):
            self.heading_actors = list(self.we)  # "## We agree to:" over what the signatories take on
        if section.heading:
            self.explanation.append(f"line {section.line}: {section.heading!r} - {section.role} ({section.reason})")
        if section.issues:
            self.block_theme = self._block_theme(section.heading)
            self.issue = None
        elif block.kind == "heading" and heading_name(section.heading) and section.role != "action":
            self.intro = []

    def _role(self) -> str:
        """Return the role that applies now: the lead-in's, else the section's."""
        if self.lead_in is not None and self.lead_in.role:
            return self.lead_in.role
        return self.section.role if self.section else "mixed"

    def _titles_what_follows(self, block: Block) -> bool:
        """Return True for a short unpunctuated item over a lead-in or a list of its own
        ("Recommendation 1. Layered financing of disaster risk" over "Ministries of finance should:")."""
        following = self.following
        text = block.text.strip()
        if following is None or len(text.split()) > 12 or text.endswith((".", ";", ",", ":", "!", "?")):
            return False
        if self._labelled(block) and following.kind == "paragraph":
            return True  # "Recommendation 2: A contract before departure" over the paragraph that makes it
        return (following.kind == "paragraph" and following.lead_in) or (
            following.kind == "item" and (following.depth > block.depth or following.text.rstrip().endswith(":")))

    def _labelled(self, block: Block) -> bool:
        """Return True for an item the report itself labels a recommendation ("R4.", "Recommendation 3:")."""
        return bool(_RECOMMENDATION_LABEL_RE.match(self.lines[block.start - 1])) if block.start <= len(self.lines) \
            else False

    def _skip(self, block: Block, reason: str) -> None:
        """Note a passage of an action or mixed section that is not taken."""
        self.explanation.append(f"lines {block.start}-{block.end}: not taken ({reason}): {block.text[:70]!r}")

    # -- blocks

    def _paragraph(self, block: Block) -> None:
        """Take a paragraph: an action passage, a priority-issue intro, or narrative."""
        self._close_item()
        self.lead_in = None
        self.table = None
        role = self._role()
        text = block.text
        if self.section and self.section.issues:
            self.intro.append(text)
        if role in ("evidence", "skip"):
            if role == "evidence":
                self._add_narrative(text, block)
            return
        self.intro.append(text)
        if is_status(text):
            self._skip(block, "earlier recommendation with its status")
            return
        if role == "action":
            reading = action_reading(text, self.gazetteer, need=True)
            sentences = split_sentences(text)
            # Each sentence's kind of ask told cheaply (a modal, an imperative): a one-sentence paragraph needs none.
            readings = [_ask_family(x) for x in sentences] if len(sentences) > 1 else []
            if reading is None and "instruction" in readings[1:] and any(
                    (action_reading(x, self.gazetteer) or ("", ""))[1] == "imperative" for x in sentences[1:]):
                # "Councils are closer to small businesses than any national body. Simplify the licences ...":
                # the ask comes after a sentence of context.
                self._sentences(block)
                return
            if reading is None and _AGREED_BELOW_RE.search(text) and _AGREED_RE.search(text) and \
                    not re.search(r"\brecommend", text, re.IGNORECASE):
                # "The actions below were agreed at the closing session": what follows is committed to
                # ("agreed on the following recommendations" still recommends).
                self.agreed = True
            if reading is None:
                if is_title(text):
                    self.sub_heading = heading_name(text)
                elif len(text.split()) > 3:
                    self._skip(block, "no action in it")
                return
            if not readings:
                self._add(text, block, reading)
                return
            subjects = {names for names in (self._own_subject(x) for x, family in zip(sentences, readings)
                                            if family == "statement") if names}
            # Two asks at least before the full reading of each sentence is worth it.
            families = {_family(r[1]) for r in (action_reading(x, self.gazetteer, need=True) for x in sentences)
                        if r is not None} if sum(1 for family in readings if family) >= 2 else set()
            closing = sentences[-1]
            explained = action_reading(closing, self.gazetteer, need=True) is None \
                and not re.match(r"(?:This|These|It|Such|That)\b", closing) \
                and not re.search(r"\b(?:can|could|may|might|would|should|will|must|aim|aims|goal|purpose)\b",
                                  closing, re.IGNORECASE) \
                and not re.match(r"(?:Additionally|Also|In addition|Further|Furthermore|Moreover)\b", closing)
            # "Governments should ... Employers, for their part, should ...": an ask to each; a paragraph
            # that opens with narrative ("Three sessions explored ..."): only its action sentences; "Bring
            # short courses to the islands (4.2). Training delivered there keeps workers there.": the
            # closing statement explains the ask, it is not part of it.
            opens_with_narrative = action_reading(sentences[0], self.gazetteer, need=True) is None
            if len(subjects) > 1 or len(families) > 1 or opens_with_narrative or explained:
                self._sentences(block, need=True)
                return
            self._add(text, block, reading)
            return
        # mixed: only the sentences that read as actions, a run of them per item
        self._sentences(block)

    def _own_subject(self, sentence: str) -> tuple[str, ...]:
        """Return the actors a sentence names as the subject of its own modal verb ("Employers should")."""
        verb = action_verb(sentence)
        if verb is None or is_passive(sentence, verb):
            return ()
        if verb.group("verb").lower().startswith("recommend"):
            # "We further recommend that the Coffee Association relay ...": the clause's subject acts.
            return tuple(sorted(actor_key(n) for n in subjunctive_subject(sentence, self.gazetteer)))
        subject = subject_text(sentence, verb)
        if not subject or subject.split()[0].lower() in ("they", "it", "we", "this", "these", "such", "each"):
            return ()
        return tuple(sorted(actor_key(n) for n in subject_actors(subject, self.gazetteer)))

    def _sentences(self, block: Block, need: bool = False) -> None:
        """Take the action sentences of a paragraph in a mixed section, each run of them as one item."""
        run: list[str] = []
        run_subject: tuple[str, ...] = ()
        reading: tuple[str, str] | None = None
        taken = False
        quoted = False  # inside a quotation opened by an earlier sentence
        for sentence in split_sentences(block.text):
            marks = sentence.count('"') + sentence.count("“") + sentence.count("”")
            was_quoted = quoted
            quoted = (quoted + marks) % 2 == 1  # a quotation left open runs into the next sentence
            inside = was_quoted or (marks and quoted)
            found = None if inside else action_reading(sentence, self.gazetteer, need=need)
            subject = self._own_subject(sentence) if found is not None else ()
            # A new item: a sentence naming an actor of its own, or one that turns from instructing to saying
            # what should be done ("Target support at ... . Eligibility should be widened ...").
            turns = found is not None and run and reading is not None and _family(found[1]) != _family(reading[1]) \
                and not re.match(r"^(?:They|It|This|These|Such|Also|In addition|Both|Each)\b", sentence)
            if found is not None and run and (turns or (subject and run_subject and subject != run_subject)):
                self._add(" ".join(run), block, reading)  # a sentence with an actor of its own: a new item
                taken = True
                run, reading = [], None
            if found is not None:
                if reading is None:
                    reading = found
                    run_subject = subject
                run.append(sentence)
                continue
            if run and reading is None:
                run = []  # a verdict not followed by an action
            if run and re.match(r"^(?:This|These|It|Such|In particular|Specifically|That)\b", sentence):
                run.append(sentence)
                continue
            if run:
                self._add(" ".join(run), block, reading)
                taken = True
            run, reading = [], None
            if _VERDICT_RE.search(sentence):
                run = [sentence]  # "Partially accepted. The Department will ...": the verdict opens the commitment
        if run and reading is not None:
            self._add(" ".join(run), block, reading)
            taken = True
        if not taken and len(block.text.split()) > 12:
            self._add_narrative(block.text, block)

    def _item(self, block: Block) -> None:
        """Place a list item: a priority issue, an item (or a sub-item of one), a sub-heading, narrative."""
        self.table = None
        clauses = _RUN_ON_CLAUSES_RE.split(block.text)
        if len(clauses) > 2 and clauses[0].rstrip().endswith(":"):
            # "Invite partners to: (a) finance ...; (b) align ...; and (c) make ...": a lead-in and its
            # clauses run on in one paragraph.
            self._item(Block("item", block.start, block.end, clauses[0].strip(), depth=block.depth))
            for clause in clauses[1:]:
                clause = re.sub(r"[;,]?\s*(?:and)?\s*$", "", clause.strip())
                if clause:
                    self._item(Block("item", block.start, block.end, clause, depth=block.depth + 1))
            return
        title = block.parts[0].strip() if len(block.parts) > 1 else ""
        # A title is short beside the lines under it; a line that wraps runs nearly as long as they do.
        if title and len(title.split()) <= 8 and not title.endswith((".", ",", ";", ":", "!", "?")) and \
                (title[:1].isupper() or title[:1].isdigit()) and block.parts[1].strip()[:1].isupper() and \
                not title.startswith("To ") and \
                len(title) < 0.6 * max(len(part) for part in block.parts[1:]) and \
                action_reading(title, self.gazetteer) is None:
            # "1. Common alert threshold" over "The Ministries of Health will adopt ...": a numbered decision's
            # title, then the decision.
            block = Block("item", block.start, block.end, join_wrapped(block.parts[1:]), depth=block.depth,
                          number=block.number, parts=block.parts[1:])
            self.sub_heading = heading_name(title)
        checkbox = _CHECKBOX_RE.match(block.text)
        if checkbox:
            if checkbox.group("mark").strip() or "~~" in block.text:
                self._close_item()
                self._skip(block, "an action ticked as done or struck out")
                return
            # "- [ ] Issue the decree (MONRE, Q2 2026)": an open action of a checklist.
            block = Block("item", block.start, block.end, block.text[checkbox.end():], depth=block.depth,
                          number=block.number, parts=block.parts)
        role = self._role()
        text = block.text
        if self.section and self.section.issues and role == "action":
            self._issue_item(block)
            return
        if role == "evidence" and self._labelled(block):
            role = "action"
        if role in ("evidence", "skip"):
            self._close_item()
            if role == "evidence":
                self._add_narrative(text, block)
            return
        if self.lead_in is not None and self.lead_in_depth is not None and block.depth < self.lead_in_depth:
            self.lead_in = None  # the list the lead-in opened has ended
            role = self._role()
        if self.lead_in is not None and self.lead_in_depth is None:
            self.lead_in_depth = block.depth
        top = self.top
        if top is not None and block.depth > top.depth and not top.is_lead_in:
            top.parts.append(text)
            top.end = block.end
            return
        if top is not None and top.is_lead_in and block.depth > top.depth and _CONTENTS_LEAD_RE.search(top.parts[0]):
            # "ACE will publish a regional outlook that covers:" over what the outlook covers: the
            # lead-in is the action, its sub-items the parts of what it makes.
            reading = action_reading(top.parts[0].rstrip(": "), self.gazetteer, need=True)
            if reading is not None and action_reading(text, self.gazetteer, need=True) is None:
                self.lead_in = None
                item = self._new(top.parts[0], Block("item", top.start, top.end, top.parts[0]), reading)
                item.depth, item.end = top.depth, block.end
                item.parts.append(text)
                self.top = item
                return
        if top is not None and top.is_lead_in and block.depth <= top.depth:
            self.lead_in = None
            role = self._role()
        self._close_item()
        if is_status(text):
            self._skip(block, "earlier recommendation with its status")
            return
        if _PREAMBULAR_RE.match(_PARAGRAPH_NUMBER_RE.sub("", text)):
            self._skip(block, "a preambular or noting paragraph")
            return
        if text.rstrip().endswith(":") and not label_countries(text + " x"):
            # An item that introduces sub-items ("The WHO should:") is their lead-in.
            lead_in = read_lead_in(text, self.gazetteer, self.we)
            self.lead_in = LeadIn(lead_in.role or role, lead_in.kind, lead_in.actors, lead_in.countries,
                                  lead_in.label, lead_in.supports)
            self.lead_in_depth = None
            marker = _Candidate([text], block.start, block.end, "", "", "", [], [], depth=block.depth,
                                is_lead_in=True)
            self.top = marker
            return
        reading = action_reading(text, self.gazetteer, need=role == "action")
        first = split_sentences(without_noting(text))[:1]
        if first and reported(first[0]):
            self._skip(block, "attributed view")
            return
        if reading is None and (is_title(text) or self._titles_what_follows(block)):
            self.sub_heading = heading_name(text)
            self._skip(block, "a heading set as an item")
            return
        if role == "mixed" and reading is None and (self.lead_in is None or not self.lead_in.actors):
            self._skip(block, "no action in it")
            return
        if reading is None and reads_as_statement(text):
            self._skip(block, "a statement of fact")
            return
        if reading is None and _procedural(text):
            self._skip(block, "the meeting's own arrangement")
            return
        priorities = self.section is not None and self.section.kind == "priority" and role == "action"
        if reading is None and len(text.split()) <= 8 and not is_imperative_start(text + " the x") and \
                not (priorities and len(text.split()) >= 3):
            # A list of priorities names them ("Sputum transport for every CHC"); elsewhere a short
            # phrase with no verb is a fragment.
            self._skip(block, "a fragment, not an action")
            return
        if reading is None and (_QUESTION_RE.search(text) or _MONEY_RE.search(text)):
            self._skip(block, "a question or a figure, not an action")
            return
        rule = reading[1] if reading else "action-item"
        if self.lead_in is not None and self.lead_in.role == "action":
            rule = "lead-in-item" if rule in ("action-item", "imperative") else rule
        self.top = self._new(text, block, (reading[0] if reading else "", rule))
        self.top.depth = block.depth

    def _issue_item(self, block: Block) -> None:
        """In a priority-issue block: a numbered item opens an issue, a bullet is a recommendation of it."""
        if block.number is not None:
            self._close_item()
            self.issue = PriorityIssueRecord(theme=self.block_theme, number=block.number,
                                             text=repair_joined_words(block.text), line_span=(block.start, block.end))
            self.issues.append(self.issue)
            return
        if self.issue is None:
            raise IngestError(self.source.path, "recommendation bullet stands before any numbered priority issue "
                                                "of its block; number the issue or move the bullet", line=block.start)
        if self.top is not None and self.top.issue == self.issue.number and block.depth > self.top.depth:
            self.top.parts.append(block.text)
            self.top.end = block.end
            return
        self._close_item()
        if reads_as_statement(block.text) and action_reading(block.text, self.gazetteer, need=True) is None:
            self._skip(block, "a statement of fact")
            return
        self.top = self._new(block.text, block, ("", "issue-item"))
        self.top.depth = block.depth

    def _table_row(self, block: Block) -> None:
        """Read a table: contents rows naming themes, and rows of a table of recommendations or actions."""
        self._close_item()
        if self.section and _CONTENTS_RE.search(self.section.heading):
            named = self.themes.named(block.cells[0]) if block.cells else ""
            if named and named not in self.toc_themes:
                self.toc_themes.append(named)
            return
        if self.table is None or (self.previous is not None and self.previous.kind != "table"):
            self.table = self._table_header(block)
            return
        table = self.table
        if table.width == 1 and len(block.cells) <= 1:
            # A box of text ("| Management response |" over its lines) is prose, not a table: its rows
            # are read as one passage, taken whole when it holds an action.
            box = self.box
            if box is not None and not box.text.endswith(_TERMINAL_MARKS):
                box.extend(block.text, block.end)
            else:
                box = self.box = Block("paragraph", block.start, block.end, block.text)
            if box.text.endswith(_TERMINAL_MARKS) and self._role() not in ("evidence", "skip"):
                reading = action_reading(box.text, self.gazetteer, need=True)
                if reading is not None:
                    self._add(box.text, box, reading)
                self.box = None
            return
        cells = block.cells
        if table.strict and len(cells) > table.width:
            raise IngestError(self.source.path, f"table row has {len(cells)} cells but its header "
                                                f"(line {table.header.start}) has {table.width}; "
                                                f"fix the row or the header", line=block.start)
        if table.text_column < 0 or self._role() in ("evidence", "skip"):
            return
        text = cells[table.text_column] if table.text_column < len(cells) else ""
        if not text or is_status(text) or is_title(text) and len(text.split()) <= 3 or _UNDECIDED_RE.match(text):
            return
        status = cells[table.status_column] if 0 <= table.status_column < len(cells) else ""
        if status and _STATUS_CELL_RE.match(status):
            return  # an earlier recommendation with its status
        candidate = self._new(text, block, ("", "table-row"))
        for index in table.lead_columns:
            if index < len(cells):
                leads, supports = cell_names(cells[index], self.gazetteer)
                candidate.leads.extend(leads)
                candidate.supports.extend(supports)
        for index in table.support_columns:
            if index < len(cells):
                leads, supports = cell_names(cells[index], self.gazetteer)
                candidate.supports.extend([*leads, *supports])
        self.candidates.append(candidate)

    def _table_header(self, block: Block) -> _Table:
        """Return the table a header row opens: which column holds the items, which the owners."""
        cells = block.cells
        raw = self.lines[block.end] if block.end < len(self.lines) else ""
        separator = bool(re.match(r"^\s*\|?[\s\-:|]+\|?\s*$", raw)) and "-" in raw
        strict = self.lines[block.start - 1].strip().startswith("|") and separator
        text_column = -1
        for index, cell in enumerate(cells):
            if _REC_COLUMN_RE.search(cell) and not _STATUS_COLUMN_RE.search(cell):
                text_column = index
                break
        has_status = any(_STATUS_COLUMN_RE.search(c) for c in cells)
        lead = tuple(i for i, c in enumerate(cells) if i != text_column and _LEAD_COLUMN_RE.search(c)
                     and not _SUPPORT_COLUMN_RE.search(c))
        support = tuple(i for i, c in enumerate(cells) if i != text_column and _SUPPORT_COLUMN_RE.search(c))
        if has_status and not lead:
            text_column = -1  # earlier recommendations with their status
        status = next((i for i, c in enumerate(cells) if re.search(r"\bstatus\b|\bprogress\b", c, re.IGNORECASE)), -1)
        return _Table(block, text_column, lead, support, len(cells), strict, status)

    # -- assembling

    def _new(self, text: str, block: Block, reading: tuple[str, str]) -> _Candidate:
        """Return an item started at a block, with its section, kind, rule, leads and fallback addressees."""
        section = self.section or DOCUMENT
        in_issue = section.issues and self.issue is not None
        lead_in = self.lead_in
        if in_issue:
            name = self.block_theme or heading_name(section.heading)
        else:
            name = self.sub_heading or (lead_in.label if lead_in and lead_in.label else "") or \
                heading_name(section.heading)
        kind = reading[0] or (lead_in.kind if lead_in and lead_in.kind else "") or \
            (self.caption_kind if block.kind == "table" else "") or \
            ("commitment" if self.agreed else section.kind)
        leads = list(lead_in.actors) if lead_in and lead_in.actors else []
        addressees = list(self.heading_actors)
        if not addressees and self.source.sidecar.default_addressee:
            addressees = [self.source.sidecar.default_addressee]
        prefix = slugify(name) or "item"
        countries = [*(lead_in.countries if lead_in else ()), *label_countries(text)]
        return _Candidate(
            parts=[text], start=block.start, end=block.end, section=name, kind=kind, rule=reading[1],
            addressees=addressees, leads=leads, prefix=f"{prefix}-{self.issue.number}" if in_issue else prefix,
            theme=self.block_theme if in_issue else "", issue=self.issue.number if in_issue else None,
            countries=countries, in_summary=section.summary,
            supports=list(lead_in.supports) if lead_in else [],
        )

    def _add(self, text: str, block: Block, reading: tuple[str, str]) -> None:
        """Add a finished one-block item."""
        self.candidates.append(self._new(text, block, reading))

    def _close_item(self) -> None:
        """Finish the list item being assembled (its sub-items are all in)."""
        if self.top is not None and not self.top.is_lead_in:
            self.candidates.append(self.top)
        self.top = None

    def _block_theme(self, heading: str) -> str:
        """Return the theme of a priority-issue block: named by its heading, else read from its intro."""
        for part in re.split(r"[:–—-]", heading):
            named = self.themes.named(part.strip())
            if named:
                return named
        return self.themes.classify(" ".join(self.intro))

    def _add_narrative(self, text: str, block: Block) -> None:
        """Collect evidence prose under the current heading (evidence kinds of report only)."""
        if self.source.sidecar.kind not in EVIDENCE_KINDS or not self.section or not self.section.heading:
            return
        if block.kind == "paragraph" and (len(text) < 80 or _LABEL_VALUE_RE.match(text) or _FOOTNOTE_RE.match(text)):
            return
        if len(text) < 20:
            return
        if not self.narrative_heading:
            self.narrative_heading = heading_name(self.section.heading) or self.section.heading
        self.narrative.append((text, block.start, block.end))

    def _flush_narrative(self) -> None:
        """Close the narrative being collected into one record per heading."""
        if self.narrative:
            self.narratives.append(NarrativeRecord(
                heading=self.narrative_heading,
                text="\n".join(t for t, _, _ in self.narrative),
                line_span=(self.narrative[0][1], self.narrative[-1][2]),
            ))
        self.narrative = []
        self.narrative_heading = ""


# --- finishing -----------------------------------------------------------------------------------


def _finish(reader: _Reader, document_theme: str, sdgs: SdgCatalogue) -> tuple[RecommendationRecord, ...]:
    """Return the final records: actors, countries, keys and SDGs, then summary links."""
    gazetteer = reader.gazetteer
    candidates = [c for c in reader.candidates if re.search(r"[A-Za-z]{3,}", c.text)]
    keys = _keys(candidates)
    acronyms = reader.acronyms
    we = list(reader.we)
    speaker = adopting_body(reader.source.text[:5000])
    definite = definite_names(reader.source.text)
    records: list[RecommendationRecord] = []
    for candidate, key in zip(candidates, keys, strict=True):
        text = candidate.text
        words = set(_WORDS_RE.findall(text.lower()))
        mentions = gazetteer.scan(text, words)
        countries = list(dict.fromkeys([*candidate.countries, *_countries(text, mentions)]))
        actors = item_actors(text, gazetteer, addressees=candidate.addressees, leads=candidate.leads,
                             supports=candidate.supports, acronyms=acronyms, we=we, mentions=mentions,
                             speaker=speaker, definite=definite)
        records.append(RecommendationRecord(
            key=key, text=text, section=candidate.section, line_span=(candidate.start, candidate.end),
            theme=candidate.theme or document_theme, issue_number=candidate.issue, kind=candidate.kind,
            actors=actors, countries=tuple(countries), sdg_goals=sdgs.tag(text, words), rule=candidate.rule,
        ))
    return tuple(_link_summaries(records, [c.in_summary for c in candidates], gazetteer))


def _document_theme(themes: ThemeCatalogue, blocks: list[Block], candidates: list[_Candidate],
                    source: SourceDocument) -> str:
    """Return the theme a report is mostly about, read from its headings, lead-ins and items."""
    parts = [b.text for b in blocks if b.kind == "heading" or b.lead_in]
    parts.extend(c.text for c in candidates)
    return themes.classify(" ".join(parts)) or themes.classify(source.text[:20000])


def _document_themes(reader: _Reader, records: tuple[RecommendationRecord, ...],
                     document_theme: str) -> tuple[str, ...]:
    """Return the document's themes: those its contents list, its issue blocks and its items have."""
    names = [*reader.toc_themes, *(i.theme for i in reader.issues), *(r.theme for r in records)]
    names = [n for n in dict.fromkeys(names) if n]
    return tuple(names) if names else ((document_theme,) if document_theme else ())



def _keys(candidates: list[_Candidate]) -> list[str]:
    """Return a stable key per candidate: its section (and issue) slug plus its ordinal there."""
    counts: Counter[str] = Counter()
    keys = []
    for candidate in candidates:
        counts[candidate.prefix] += 1
        keys.append(f"{candidate.prefix}-{counts[candidate.prefix]}")
    return keys


def _countries(text: str, mentions: list[Mention]) -> tuple[str, ...]:
    """Return the countries a text names, ignoring those inside organisation names ("Philippine Red Cross")."""
    masked = text
    for mention in mentions:
        if mention.entry.kind != "government" or not country_code(mention.surface):
            masked = masked[: mention.start] + " " * (mention.end - mention.start) + masked[mention.end:]
    return country_codes(masked)


def _lead_keys(text: str, gazetteer: Gazetteer) -> set[str]:
    """Return the resolved names of the subjects of the modal sentences of a text."""
    keys = set()
    for sentence in split_sentences(text.replace("\n", " ")):
        verb = action_verb(sentence)
        if verb is None or is_passive(sentence, verb):
            continue
        for actor in subject_actors(subject_text(sentence, verb), gazetteer):
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
                if leads and other and not leads & other and not _names_overlap(leads, other):
                    continue
                if detail.key not in repeats:
                    repeats.append(detail.key)
                break
    return repeats


def _names_overlap(names: set[str], others: set[str]) -> bool:
    """Return True when two sets of actor names share a significant word ("plant protection services" and
    "national plant protection organisations" both speak of plant protection)."""
    words = {w for n in names for w in _WORDS_RE.findall(n.lower()) if len(w) > 4}
    return bool(words & {w for n in others for w in _WORDS_RE.findall(n.lower()) if len(w) > 4})


def _replace(record: RecommendationRecord, **changes) -> RecommendationRecord:
    """Return a copy of a frozen record with some fields changed."""
    values = {name: getattr(record, name) for name in record.__dataclass_fields__}
    values.update(changes)
    return RecommendationRecord(**values)


def _replace_theme(indicator: IndicatorRecord, theme: str) -> IndicatorRecord:
    """Return an indicator carrying the report's theme."""
    values = {name: getattr(indicator, name) for name in indicator.__dataclass_fields__}
    values["theme"] = theme
    return IndicatorRecord(**values)


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
