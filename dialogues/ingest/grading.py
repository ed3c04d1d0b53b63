"""Grade what the reader extracted from a report against a hand-made gold file.

A gold file (``<stem>.gold.toml``) lists what a careful analyst records in one report::

    report = "fixtures/documents/<stem>.txt"   # optional, relative to the repository

    [[recommendation]]
    quote = "mandate curriculum review, set targets to incorporate soft skills"  # verbatim, distinctive
    actors = ["Ministries of Education"]    # the responsible actors, canonical or as written
    kind = "recommendation"                 # recommendation | commitment | priority

    [[not_recommendation]]
    quote = "100% of attendees said they would recommend participating"   # must not be extracted

Without ``report`` the report is the ``.txt`` (or ``.md``) beside the gold file with the same stem.

Matching (``grade``): quotes and extracted texts are compared after ``normalise`` (Unicode
compatibility forms, case, whitespace, quotation marks, dashes, hyphenation and markdown emphasis
do not count). An extracted item matches a gold item when it contains the gold quote, or, failing
that, when ``rapidfuzz.fuzz.partial_ratio`` of the two is at least 90 and the item is not much
shorter than the quote; each gold item and each extracted item is matched at most once, and as many
gold items are matched as the containments allow. A matched item has its actors right when its set
of actors equals the gold set: two names are the same actor when the gazetteer resolves both to the
same entry (``resolve_actor``), or, where it knows at most one of them, when their normalised names
have a ``token_set_ratio`` of at least 90 and do not differ only by the number of their head
("Ministry of Education" is not "Ministries of Education"). An extracted item is spurious when it matches no gold
recommendation, or when it contains a not-recommendation quote (it swallowed a passage that is no
recommendation). A summary item the reader links to the recommendations it repeats (``is_summary`` with
``repeats``) is not a recommendation of its own, as the portal counts them: unmatched, it is neither
extracted nor spurious.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .gazetteer import Gazetteer, actor_key, plural_key, singular
from .parse import parse_document
from .records import GazetteerEntry, IngestError, ParsedDocument
from .sources import read_sources

KINDS = ("recommendation", "commitment", "priority")
QUOTE_THRESHOLD = 90  # partial_ratio of a gold quote against an extracted text
ACTOR_THRESHOLD = 90  # token_set_ratio of two actor names the gazetteer does not both know
# A fuzzy match needs the extracted text to be nearly as long as the quote: partial_ratio aligns the
# shorter string inside the longer, so a short fragment of the quote would otherwise score 100.
MIN_LENGTH_SHARE = 0.9

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_SINGLE_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4`"), "'")
_DOUBLE_QUOTES = dict.fromkeys(map(ord, "\"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), None)
_SOFT_HYPHEN = {0x00AD: None}
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
_EMPHASIS_RE = re.compile(r"\*+")
# A hyphen between two word characters, with or without a line break after it: "strengthen-\ning",
# "sub-national" and "subnational" must all meet, whichever way the reader or the gold wrote them.
_HYPHEN_RE = re.compile(r"(?<=\w)-\s*(?=\w)")
_SPACE_RE = re.compile(r"\s+")
_BRACKET_RE = re.compile(r"\s*\(([^)]*)\)\s*")


def normalise(text: str) -> str:
    """Return text in the form quotes and extracted texts are compared in.

    Compatibility forms folded ("ﬁ" = "fi"), dashes unified and hyphenated words joined
    ("recruit-\\nment" = "recruitment", "dry-season" = "dryseason"), double quotation marks dropped,
    single ones unified, ``*`` emphasis and ``<sup>`` tags removed, whitespace collapsed, case folded.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_DASHES).translate(_SINGLE_QUOTES).translate(_DOUBLE_QUOTES).translate(_SOFT_HYPHEN)
    text = _EMPHASIS_RE.sub("", _TAG_RE.sub("", text))
    text = _HYPHEN_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip().casefold()


# --- gold files ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldItem:
    """One recommendation (or commitment, or priority) a reader should extract."""

    quote: str
    actors: tuple[str, ...] = ()
    kind: str = "recommendation"


@dataclass(frozen=True)
class Gold:
    """A gold file: the report it annotates, its recommendations and the passages that are none."""

    path: Path
    report: Path
    recommendations: tuple[GoldItem, ...]
    not_recommendations: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Return the report's stem, the name scores are printed under."""
        return self.report.stem


def load_gold(path: Path | str) -> Gold:
    """Return the gold file at ``path``; raise ``IngestError`` naming the file when it is invalid."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IngestError(path, "gold file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(path, f"TOML syntax error: {exc}") from exc
    items = []
    for number, table in enumerate(data.get("recommendation", []), start=1):
        quote, actors, kind = table.get("quote"), table.get("actors", []), table.get("kind", "recommendation")
        if not isinstance(quote, str) or not normalise(quote):
            raise IngestError(path, f"recommendation #{number} needs a non-empty quote")
        if not isinstance(actors, list) or not all(isinstance(a, str) and a.strip() for a in actors):
            raise IngestError(path, f"recommendation #{number} ({quote[:40]!r}): actors must be a list of names")
        if kind not in KINDS:
            raise IngestError(path, f"recommendation #{number} ({quote[:40]!r}): kind must be one of "
                                    f"{', '.join(KINDS)}, not {kind!r}")
        items.append(GoldItem(quote=quote, actors=tuple(a.strip() for a in actors), kind=kind))
    not_recommendations = []
    for number, table in enumerate(data.get("not_recommendation", []), start=1):
        quote = table.get("quote")
        if not isinstance(quote, str) or not normalise(quote):
            raise IngestError(path, f"not_recommendation #{number} needs a non-empty quote")
        not_recommendations.append(quote)
    return Gold(path=path, report=_report_path(path, data.get("report")), recommendations=tuple(items),
                not_recommendations=tuple(not_recommendations))


def _report_path(path: Path, report: object) -> Path:
    """Return the report a gold file annotates: its ``report`` key, else the file beside it."""
    if report is not None:
        if not isinstance(report, str) or not report.strip():
            raise IngestError(path, "report must be a path to the annotated report")
        relative = Path(report)
        if relative.is_absolute():
            return relative
        # The key is relative to the repository: look for it from the gold file's folder upwards.
        for folder in path.resolve().parents:
            if (folder / relative).is_file():
                return folder / relative
        raise IngestError(path, f"report {report!r} not found in any folder above the gold file")
    stem = path.name.removesuffix(".toml").removesuffix(".gold")
    for suffix in (".txt", ".md"):
        beside = path.with_name(stem + suffix)
        if beside.is_file():
            return beside
    raise IngestError(path, f"no report {stem}.txt beside the gold file and no report key")


# --- scores -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrongActors:
    """A matched item whose actors differ from the gold ones."""

    report: str
    quote: str
    expected: tuple[str, ...]
    found: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    """A gold item no extracted item matched."""

    report: str
    item: GoldItem


@dataclass(frozen=True)
class SpuriousItem:
    """An extracted item that is no (or not only a) recommendation."""

    report: str
    text: str
    line_span: tuple[int, int]
    reason: str  # "no gold recommendation" or "contains a non-recommendation: <quote>"


@dataclass(frozen=True)
class Score:
    """How one report (or, summed by ``total``, several) was read."""

    report: str
    gold: int = 0
    found: int = 0
    actors_right: int = 0
    kinds_right: int = 0
    extracted: int = 0
    spurious: int = 0
    misses: tuple[Miss, ...] = ()
    wrong_actors: tuple[WrongActors, ...] = ()
    spurious_items: tuple[SpuriousItem, ...] = ()
    reports: int = 1

    @property
    def recall(self) -> float:
        """Return the share of gold items found (1.0 when there are none)."""
        return self.found / self.gold if self.gold else 1.0

    @property
    def actor_accuracy(self) -> float:
        """Return the share of found items whose actors are right (1.0 when none was found)."""
        return self.actors_right / self.found if self.found else 1.0

    @property
    def kind_accuracy(self) -> float:
        """Return the share of found items whose kind is right (1.0 when none was found)."""
        return self.kinds_right / self.found if self.found else 1.0

    @property
    def spurious_rate(self) -> float:
        """Return the share of extracted items that are spurious (0.0 when nothing was extracted)."""
        return self.spurious / self.extracted if self.extracted else 0.0


def total(scores: Iterable[Score]) -> Score:
    """Return the sum of several reports' scores, with every miss and error kept."""
    scores = list(scores)
    return Score(
        report="total",
        gold=sum(s.gold for s in scores), found=sum(s.found for s in scores),
        actors_right=sum(s.actors_right for s in scores), kinds_right=sum(s.kinds_right for s in scores),
        extracted=sum(s.extracted for s in scores), spurious=sum(s.spurious for s in scores),
        misses=tuple(m for s in scores for m in s.misses),
        wrong_actors=tuple(w for s in scores for w in s.wrong_actors),
        spurious_items=tuple(i for s in scores for i in s.spurious_items),
        reports=sum(s.reports for s in scores),
    )


# --- grading ------------------------------------------------------------------------------------


def gold_files(*folders: Path | str) -> list[Path]:
    """Return the ``*.gold.toml`` files of the given folders, sorted within each folder."""
    return [path for folder in folders for path in sorted(Path(folder).glob("*.gold.toml"))]


def grade_file(path: Path | str, gazetteer: Gazetteer) -> Score:
    """Return the score of the reader on the report a gold file annotates, read and parsed afresh."""
    gold = load_gold(path)
    source = read_sources([gold.report])[0]
    return grade(parse_document(source, gazetteer), gold, gazetteer)


def grade(parsed: ParsedDocument, gold: Gold, gazetteer: Gazetteer) -> Score:
    """Return how the items extracted from one report compare with its gold file."""
    items = parsed.recommendations
    texts = [normalise(r.text) for r in items]
    quotes = [normalise(g.quote) for g in gold.recommendations]
    matches = _match(quotes, texts)
    by_item = {i: g for g, i in matches.items()}
    not_quotes = [normalise(q) for q in gold.not_recommendations]

    misses, wrong, spurious = [], [], []
    actors_right = kinds_right = 0
    for g, item in enumerate(gold.recommendations):
        if g not in matches:
            misses.append(Miss(gold.name, item))
            continue
        found = items[matches[g]]
        if same_actors(item.actors, tuple(a.name for a in found.actors), gazetteer):
            actors_right += 1
        else:
            wrong.append(WrongActors(gold.name, item.quote, item.actors, tuple(a.name for a in found.actors)))
        kinds_right += found.kind == item.kind
    repeats = 0
    for i, (record, text) in enumerate(zip(items, texts, strict=True)):
        swallowed = next((q for q, n in zip(gold.not_recommendations, not_quotes, strict=True) if n in text), None)
        if i in by_item and swallowed is None:
            continue
        if i not in by_item and record.is_summary and record.repeats:
            # A summary item linked to the recommendations it repeats is not counted as one of its own
            # (the portal counts recommendations with is_summary False): not a new extraction.
            repeats += 1
            continue
        if swallowed is None:
            # Name the non-recommendation it resembles, if any, to make the list easier to read.
            swallowed = next((q for q, n in zip(gold.not_recommendations, not_quotes, strict=True)
                              if _fuzzy(n, text)), None)
            reason = "no gold recommendation" + (f" (resembles non-recommendation {swallowed!r})" if swallowed else "")
        else:
            reason = f"contains non-recommendation {swallowed!r}"
        spurious.append(SpuriousItem(gold.name, record.text, record.line_span, reason))
    return Score(
        report=gold.name, gold=len(gold.recommendations), found=len(matches), actors_right=actors_right,
        kinds_right=kinds_right, extracted=len(items) - repeats, spurious=len(spurious), misses=tuple(misses),
        wrong_actors=tuple(wrong), spurious_items=tuple(spurious),
    )


def _match(quotes: Sequence[str], texts: Sequence[str]) -> dict[int, int]:
    """Return gold index -> extracted index: a largest one-to-one matching by containment, then
    the remaining gold items by the best fuzzy score among the remaining extracted items."""
    contains = [[i for i, text in enumerate(texts) if quote in text] for quote in quotes]
    owner: dict[int, int] = {}  # extracted index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        """Give gold item ``g`` an extracted item, moving earlier gold items along if need be."""
        for i in contains[g]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = g
                    return True
        return False

    for g in range(len(quotes)):
        augment(g, set())
    matches = {g: i for i, g in owner.items()}
    for g, quote in enumerate(quotes):
        if g in matches:
            continue
        best, best_score = None, 0.0
        for i, text in enumerate(texts):
            if i in owner:
                continue
            score = _fuzzy_score(quote, text)
            if score > best_score:
                best, best_score = i, score
        if best is not None and best_score >= QUOTE_THRESHOLD:
            owner[best] = g
            matches[g] = best
    return matches


def _fuzzy_score(quote: str, text: str) -> float:
    """Return how well a normalised quote appears in a normalised text (0 when the text is too short)."""
    if not quote or len(text) < MIN_LENGTH_SHARE * len(quote):
        return 0.0
    return fuzz.partial_ratio(quote, text)


def _fuzzy(quote: str, text: str) -> bool:
    """Return True when a normalised quote is in a normalised text, exactly or nearly."""
    return quote in text or _fuzzy_score(quote, text) >= QUOTE_THRESHOLD


def actor_name_key(name: str) -> str:
    """Return the form actor names are compared in when the gazetteer does not know them.

    An acronym in brackets after the name ("District Health Offices (DHO)") is the same actor's
    short form, not part of its name.
    """
    name = re.sub(r"\s*\([A-Z][A-Za-z&]{1,9}\)\s*$", "", name)
    return plural_key(actor_key(unicodedata.normalize("NFKC", name).translate(_SINGLE_QUOTES)))


def resolve_actor(name: str, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """Return the known actor a name stands for, or None.

    ``Gazetteer.resolve`` also tries the words in brackets, so "Department of Livestock and Fisheries
    (Lao PDR)" would stand for the Government of Lao PDR; a name is only taken for a known actor
    through its bracket when the bracket is an acronym of that actor ("Ministry of Finance (MOF)").
    """
    entry = gazetteer.resolve(name)
    bracket = _BRACKET_RE.search(name)
    if entry is None or bracket is None:
        return entry
    outside = _BRACKET_RE.sub(" ", name).strip()
    if not outside or gazetteer.resolve(outside) is not None:
        return entry
    spellings = {actor_key(form) for form in (entry.name, entry.acronym, *entry.aliases) if form}
    if actor_key(name) in spellings or (entry.acronym and actor_key(bracket.group(1)) == actor_key(entry.acronym)):
        return entry
    return None


def same_actor(a: str, b: str, gazetteer: Gazetteer) -> bool:
    """Return True when two names stand for the same actor."""
    entry_a, entry_b = resolve_actor(a, gazetteer), resolve_actor(b, gazetteer)
    if entry_a is not None and entry_b is not None:
        return entry_a.name == entry_b.name
    key_a, key_b = actor_name_key(a), actor_name_key(b)
    if key_a == key_b or _acronym_of(a, b) or _acronym_of(b, a):
        return True
    if _heads_differ_in_number(key_a, key_b):
        return False
    return bool(key_a and key_b) and fuzz.token_set_ratio(key_a, key_b) >= ACTOR_THRESHOLD


def _acronym_of(name: str, short: str) -> bool:
    """Return True when ``short`` is the acronym ``name`` carries in brackets ("Technical Education and
    Skills Development Authority (TESDA)" and "TESDA")."""
    bracket = re.search(r"\(([A-Z][A-Za-z&]{1,9})\)\s*$", name)
    return bool(bracket) and bracket.group(1).lower() == short.strip().lower()


def _heads_differ_in_number(key_a: str, key_b: str) -> bool:
    """Return True for "ministry of education" / "ministries of education": the same words but for
    the number of the head of an "X of Y" name, which makes one actor of a group's member (as the
    gazetteer, which never merges different heads)."""
    words_a, words_b = key_a.split(), key_b.split()
    if len(words_a) != len(words_b):
        return False
    differing = [i for i, (x, y) in enumerate(zip(words_a, words_b, strict=True)) if x != y]
    return bool(differing) and all(
        singular(words_a[i]) == singular(words_b[i]) and i + 1 < len(words_a) and words_a[i + 1] == "of"
        for i in differing)


def same_actors(expected: Sequence[str], found: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Return True when two lists name the same set of actors (order and repeats do not count)."""
    left, right = _distinct(expected, gazetteer), _distinct(found, gazetteer)
    if len(left) != len(right):
        return False
    return _perfect_matching(left, right, lambda a, b: same_actor(a, b, gazetteer))


def _distinct(names: Sequence[str], gazetteer: Gazetteer) -> list[str]:
    """Return the names with repeats of one actor dropped ("International NGOs", "local NGOs" = NGOs)."""
    kept: dict[str, str] = {}
    for name in names:
        entry = resolve_actor(name, gazetteer)
        kept.setdefault(f"entry:{entry.name}" if entry else f"name:{actor_name_key(name)}", name)
    return list(kept.values())


def _perfect_matching(left: list[str], right: list[str], same: Callable[[str, str], bool]) -> bool:
    """Return True when every name on the left pairs off with a different name on the right."""
    owner: dict[int, int] = {}
    edges = [[j for j, b in enumerate(right) if same(a, b)] for a in left]

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return all(augment(i, set()) for i in range(len(left)))


# --- printing -----------------------------------------------------------------------------------


def score_table(scores: Sequence[Score]) -> str:
    """Return a table of each report's figures and their total, one line per report."""
    header = f"{'report':<40} {'gold':>5} {'found':>6} {'recall':>7} {'actors':>7} {'spurious':>9} {'rate':>6}"
    lines = [header, "-" * len(header)]
    for s in (*scores, total(scores)):
        lines.append(f"{s.report[:40]:<40} {s.gold:>5} {s.found:>6} {s.recall:>7.1%} {s.actor_accuracy:>7.1%} "
                     f"{s.spurious:>4}/{s.extracted:<4} {s.spurious_rate:>6.1%}")
    return "\n".join(lines)


def describe_errors(score: Score, limit: int | None = None) -> str:
    """Return the misses, wrong actors and spurious items of a score, one per line (at most ``limit`` each)."""
    lines: list[str] = []

    def section(title: str, rows: list[str]) -> None:
        if rows:
            shown = rows if limit is None else rows[:limit]
            more = f" (first {len(shown)})" if len(shown) < len(rows) else ""
            lines.append(f"{title}: {len(rows)}{more}")
            lines.extend(f"  {row}" for row in shown)

    section("missed", [f"[{m.report}] {m.item.quote!r}" for m in score.misses])
    section("wrong actors", [f"[{w.report}] {w.quote!r}: expected {list(w.expected)}, found {list(w.found)}"
                             for w in score.wrong_actors])
    section("spurious", [f"[{s.report}] lines {s.line_span[0]}-{s.line_span[1]}: {_short(s.text)!r} - {s.reason}"
                         for s in score.spurious_items])
    return "\n".join(lines)


def _short(text: str, width: int = 90) -> str:
    """Return the first ``width`` characters of a text on one line."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = [
    "Gold", "GoldItem", "Miss", "Score", "SpuriousItem", "WrongActors", "describe_errors", "gold_files", "grade",
    "grade_file", "load_gold", "normalise", "resolve_actor", "same_actor", "same_actors", "score_table", "total",
]
