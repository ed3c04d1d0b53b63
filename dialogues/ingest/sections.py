"""The section tree of a report and what each section is for: its heading level and its *role*.

Roles, read from the words of a heading (never from a list of particular headings):

* ``action`` - the section sets out what should be done: recommendations, agreed actions, next
  steps, commitments, the way forward, priorities, a call to action, a plan of action, decisions.
  Every list item, numbered paragraph and table row there is a candidate;
* ``mixed`` - outcomes, conclusions, key messages, summaries: a passage is taken only when it reads
  as an action (a modal sentence with a subject, an imperative, an operative verb, a named owner);
* ``evidence`` - background, findings, results, progress, lessons, challenges, the status of earlier
  recommendations, discussions and statements: nothing is taken as a recommendation;
* ``skip`` - contents, agenda, acronyms, references, participants, acknowledgements: nothing at all.

A heading with none of those words inherits the role of its parent. Levels come from what a
heading looks like: ``1.``/``I.``/capitals/``#`` are level 1, ``1.1``/``A.``/``##`` level 2,
``1.1.1`` level 3, an unnumbered short line sits under the heading before it. When a heading's
words name both evidence and action, the first one named wins ("Status of the agreed actions" is
evidence; "Recommendations and lessons" is action).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .structure import Block

_ACTION_RE = re.compile(
    r"\brecommend\w*|\bpriorit(?:y|ies)\b(?!\s+issues?)|\bactions?\b|\baction points?\b|\bnext steps?\b|"
    r"\bway forward\b|\broad ahead\b|\bfollow[\s-]?up\b(?!\s+(?:to|on|of)\b)|\bcommitments?\b|\bpledges?\b|"
    r"\bcall(?:s)?\s+(?:for|to)\s+action\b|\bwhat'?s next\b|\bresolutions?\b|\bdecisions?\b|\bproposals?\b|"
    r"\bproposed\b|\bwork ?plan\b|\broad ?map\b|\bagreed\b|"
    r"(?<!control )(?<!existing )(?<!current )\bmeasures\b|\bdeliverables\b|\bto-?dos?\b|"
    r"\bplanned\b|\banticipated\b|\blooking ahead\b|\bmoving forward\b|\bgoing forward\b|\bwhat we will do\b|"
    r"\basked for\b|\bcalled for\b|\bcalls for\b(?!\s+(?:papers|proposals|applications))|"
    r"^we\s+(?:(?:also|further|hereby|jointly)\s+)?(?:agree|commit|request|call|recommend|urge|invite|encourage|will|"
    r"pledge|resolve|decide|undertake)\b",
    re.IGNORECASE,
)
_EVIDENCE_RE = re.compile(
    r"\bresults?\b|\bachievements?\b|\bprogress\b|\bfindings?\b|\bfound\b|\blessons?\b|\bstatus\b|\bperformance\b|"
    r"\breview of\b|\bimplementation of\b|\boverview\b|\bcontext\b|\bbackground\b|\bintroduction\b|"
    r"\bdiscussions?\b|\bdeliberations?\b|\bpresentations?\b|\bproceedings\b|\bpanel\b|\bremarks\b|"
    r"\bopening\b|\bstatements\b|\b(?:opening|closing|keynote|country|national|general)\s+statement\b|\bwelcome\b|"
    r"\bpurpose\b|\bobjectives?\b|\bmethod(?:s|ology)?\b|"
    r"\bachieved\b|\bprevious\b|\bearlier\b|\blast year'?s?\b|\bkeynote\b|\bsessions?\b|\bexperiences?\b|"
    r"\bcase stud(?:y|ies)\b|\bheard\b|\bwhat \w+ said\b|\bq\s*&\s*a\b|\bquestions and answers\b|"
    r"\bquestions from\b|\bpolls?\b",
    re.IGNORECASE,
)
_SKIP_RE = re.compile(
    r"\bcontents\b|\bagenda\b|\bprogramme of\b|\bprogram of\b|\bacronyms?\b|\babbreviations?\b|\bglossary\b|"
    r"\breferences\b|\bbibliography\b|^(?:the\s+)?participants?$|\bparticipants? list\b|\blist of participants\b|"
    r"\bparticipating\b|\backnowledge?ments?\b|\bforeword\b|\bpreface\b|"
    r"\babout (?:this|the|us)\b|\blist of\b|\bphotos?\b|\bcontacts?\b|\bdisclaimer\b|\bannex(?:es)?\b|"
    r"\bappendix\b|\bappendices\b|\bspeakers?\b|\bbiograph",
    re.IGNORECASE,
)
_ANNEX_RE = re.compile(r"\bannex(?:es)?\b|\bappendix\b|\bappendices\b", re.IGNORECASE)
_HARD_SKIP_RE = re.compile(
    r"\bcontents\b|\bacronyms?\b|\babbreviations?\b|\bglossary\b|\breferences\b|\bbibliography\b|"
    r"\blist of participants\b|\bparticipants list\b",
    re.IGNORECASE,
)
_MIXED_RE = re.compile(
    r"\boutcomes?\b|\bconclu\w*|\bkey messages?\b|\bsummary\b|\btakeaways?\b|\bhighlights?\b|\bmain points\b|"
    r"\bat a glance\b|\bsynthesis\b|\bmessages\b|\bclosing\b|\bwrap[\s-]?up\b",
    re.IGNORECASE,
)
_SUMMARY_RE = re.compile(r"\bsummary\b|\btakeaways?\b|\bhighlights?\b|\bat a glance\b", re.IGNORECASE)
_ISSUES_RE = re.compile(r"\bpriority issues?\b|\bproblem statements?\b|\bkey issues\b", re.IGNORECASE)
COMMITMENT_RE = re.compile(
    r"\bcommitments?\b|\bpledges?\b|\bagreed\b|\bnext steps?\b|\bfollow[\s-]?up\b|\bwork ?plan\b|"
    r"\baction plan\b|\bplan of action\b|\banticipated\b|\bplanned\b|\bwhat'?s next\b|\bdecisions?\b|"
    r"\broad ?map\b|\bdeliverables\b|\bto-?dos?\b|\bway forward\b|\blooking ahead\b|\bmoving forward\b|"
    r"\bgoing forward\b|\bwhat we will do\b|^we\s+(?:(?:also|further|hereby|jointly)\s+)?(?:agree|commit|will|pledge|"
    r"resolve|decide|undertake)\b",
    re.IGNORECASE,
)
# Sections that hold no sub-parts of their own: a plain heading after one starts a new stretch.
_SELF_CONTAINED_RE = re.compile(r"^(?:introduction|background|context|purpose|objectives?|overview|welcome|opening|"
                                r"method(?:s|ology)?)$", re.IGNORECASE)
_DECLINED_RE = re.compile(r"\bnot (?:retained|adopted|agreed|accepted|taken up|pursued)\b|\brejected\b|\bdropped\b",
                          re.IGNORECASE)
_SAID_RE = re.compile(r"\b(?:presentations?|discussions?|deliberations?|proceedings|sessions?|panels?|statements?|"
                      r"remarks)\b", re.IGNORECASE)
PRIORITY_RE = re.compile(r"\bpriorit(?:y|ies)\b(?!\s+issues?)", re.IGNORECASE)

_NUMBERING_RE = re.compile(
    r"^(?:(?P<dotted>\d+(?:\.\d+)+)\.?|(?P<single>\d+)[.)]|(?P<letter>[A-H])[.)]|(?P<roman>[IVXL]{1,5})[.)]|"
    r"(?P<item>(?:Agenda\s+)?Item\s+\d+[a-z]?)|"
    r"(?P<word>(?:Part|Chapter|Section|Session|Day|Module|Pillar|Theme|Area|Workstream|Component|Objective|"
    r"Goal|Outcome|Output|Annex|Slide)\s+\S+)|(?P<sub>\d+\.[a-z])\b)",
    re.IGNORECASE,
)
_TAIL_RE = re.compile(r"\s*\((?:continued|cont\.?|[^)]*\bpages?\b[^)]*|\d+\s*/\s*\d+|\d+\s+of\s+\d+)\)\s*$",
                      re.IGNORECASE)
_NUMBER_PREFIX_RE = re.compile(r"^(?:(?:agenda\s+)?item\s+\d+[a-z]?\s*[:.–—-]|\d+(?:\.\d+)*\.?[a-z]?\.?|[A-H][.)]|"
                               r"[IVXL]{1,5}[.)]|\d+\))\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    """One heading's stretch of the report: its name, level, role and what its items are."""

    heading: str  # cleaned: no numbering tail, no "(continued)"
    level: int
    role: str  # action | mixed | evidence | skip
    kind: str  # recommendation | commitment | priority: what an item here is
    summary: bool
    issues: bool  # a priority-issue block: numbered issues with recommendations beneath
    line: int
    reason: str  # why the role: the words that decided it, or "inherited"


DOCUMENT = Section("", 0, "mixed", "recommendation", False, False, 0, "no heading yet")
NEWS = Section("", 0, "mixed", "commitment", False, False, 0, "a news item")


def clean_heading(text: str) -> str:
    """Return a heading as a section name: no "(continued)", page hints or trailing colon."""
    return " ".join(_TAIL_RE.sub("", text).split()).rstrip(":").strip()


def heading_name(text: str) -> str:
    """Return a heading without its numbering ("5.1 Health workforce" -> "Health workforce")."""
    return _NUMBER_PREFIX_RE.sub("", clean_heading(text)).strip()


def heading_level(block: Block, raw: str) -> int:
    """Return a heading's level from its markup or numbering (1 is the top)."""
    stripped = raw.strip()
    if stripped.startswith("#"):
        return min(len(stripped) - len(stripped.lstrip("#")), 4)
    if stripped.startswith("**") and stripped.rstrip("*").rstrip().endswith(":"):
        return 3  # a bold label over its list ("**ASEAN:**"), under the heading before it
    numbering = _NUMBERING_RE.match(block.text)
    if numbering:
        if numbering.group("dotted"):
            return min(numbering.group("dotted").count(".") + 1, 4)
        if numbering.group("letter") or numbering.group("sub") or numbering.group("item"):
            return 2
        return 1
    letters = [c for c in block.text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return 1
    return 3


def heading_role(text: str) -> tuple[str, str, str] | None:
    """Return (role, kind, reason) a heading's words give, or None for a heading that names none."""
    name = heading_name(text)
    commitment, priority = COMMITMENT_RE.search(name), PRIORITY_RE.search(name)
    if priority and (not commitment or priority.start() < commitment.start()):
        kind = "priority"  # "Priorities agreed at the debrief" lists priorities
    else:
        kind = "commitment" if commitment else "recommendation"
    hard = _HARD_SKIP_RE.search(name)
    if hard:
        return "skip", kind, hard.group(0)
    action = _ACTION_RE.search(name)
    evidence = _EVIDENCE_RE.search(name)
    declined = _DECLINED_RE.search(name)
    if action and declined:
        return "evidence", kind, f"{action.group(0)} {declined.group(0)}"  # "Proposals not retained"
    if action and evidence and evidence.start() < action.start() and \
            re.search(r"\s(?:and|&)\s", name[evidence.end(): action.start() + 1], re.IGNORECASE) and \
            not re.search(r"\b(?:of|on)\b", name[evidence.end(): action.start()], re.IGNORECASE):
        # "Findings and recommendations": both, so a passage is taken when it reads as an action.
        return "mixed", kind, f"{evidence.group(0)} and {action.group(0)}"
    if action and evidence and evidence.start() < action.start():
        return "evidence", kind, f"{evidence.group(0)} (before {action.group(0)})"
    if _ISSUES_RE.search(name) and action:
        return "action", kind, _ISSUES_RE.search(name).group(0)
    if action:
        return "action", kind, action.group(0)
    skip = _SKIP_RE.search(name)
    if skip:
        return "skip", kind, skip.group(0)
    mixed = _MIXED_RE.search(name)
    if mixed and evidence and _SAID_RE.search(name):
        return "evidence", kind, f"{evidence.group(0)} (a summary of what was said)"
    if mixed:
        return "mixed", kind, mixed.group(0)
    if evidence:
        return "evidence", kind, evidence.group(0)
    return None


def section_tree(blocks: list[Block], lines: list[str], top: Section) -> list[Section]:
    """Return, for each block, the section it stands in (a heading block opens its own)."""
    stack: list[Section] = []
    placed: list[Section] = []
    plain: Section | None = None  # the last unnumbered heading that named a role
    annex: Section | bool | None = None  # the first annex heading's section, once past it
    for block in blocks:
        if block.kind == "heading":
            level = heading_level(block, lines[block.start - 1] if block.start <= len(lines) else "")
            while stack and stack[-1].level >= level:
                stack.pop()
            parent = stack[-1] if stack else top
            found = heading_role(block.text)
            if annex is not None and found is not None and found[0] != "action":
                # Annexes run to the end: programmes, participants, background material. Only a
                # heading that names actions ("Annex 2. Matrix of agreed actions") is read there.
                found = ("skip", found[1], "in the annexes")
            elif found is not None and found[0] == "skip" and _ANNEX_RE.search(block.text):
                annex = True
            markdown = block.start <= len(lines) and lines[block.start - 1].lstrip().startswith("#")
            self_contained = bool(placed) and _SELF_CONTAINED_RE.search(placed[-1].reason or "")
            if found is None and level == 3 and placed and not markdown and not self_contained:
                # An unnumbered plain heading naming no role (a speaker's name, a topic) stays in the
                # stretch it is in: its sibling before it says what that stretch is.
                parent = placed[-1]
            elif found is None and not stack and plain is not None:
                # Numbered parts under a plain chapter heading ("Report of the country presentations",
                # then "1. ...", "2. ..."): the chapter is the parent the numbering does not show.
                parent = plain
            elif found is None and not stack and isinstance(annex, Section):
                parent = annex  # a heading of the annexes' own that names nothing is still in them
            if found is None:
                role, kind, reason = parent.role, parent.kind, f"inherited from {parent.heading or 'the document'}"
            else:
                role, kind, reason = found
            summary = bool(_SUMMARY_RE.search(block.text)) or (found is None and parent.summary)
            issues = bool(_ISSUES_RE.search(block.text)) and role == "action"
            section = Section(clean_heading(block.text), level, role, kind, summary, issues, block.start, reason)
            stack.append(section)
            if annex is True:
                annex = section
            if level == 3 and found is not None:
                plain = section
            elif level < 3 and found is not None:
                plain = None
        placed.append(stack[-1] if stack else top)
    return placed
