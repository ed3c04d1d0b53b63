"""Catalogues read from ``fixtures/``: the actor gazetteer, the themes and the SDG goals.

``Gazetteer.resolve`` answers "which known actor is this name?" forgiving case, a leading "the",
punctuation and OCR hyphenation, British/American spelling, a plural last word
("International donors" = "International donor") and acronyms both ways ("ADB" =
"Asian Development Bank"), and - through rapidfuzz - OCR damage and misspellings of long names
("Minstry of Labour and Social Welfare"). It never merges different heads: "Ministry of
Education" is not "Ministries of Education".
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .records import GazetteerEntry, IngestError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
ACTOR_KINDS = ("government", "ministry", "donor", "un_agency", "regional_body", "ngo", "university",
               "private_sector", "network", "research", "group", "other")

_PAREN_RE = re.compile(r"\s*\(([^)]*)\)\s*")
_DROP_RE = re.compile(r"['’.]")
_NON_WORD_RE = re.compile(r"[^a-z0-9]+")
_SINGLE_LETTERS_RE = re.compile(r"\b([a-z])\s(?=[a-z]\b)")
_SPELLINGS = (("isation", "ization"), ("labour", "labor"), ("programme", "program"), ("centre", "center"))
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_NON_ALNUM_RE = re.compile(r"[^A-Za-z0-9]+")
_WORD_RE = re.compile(r"[a-z0-9]+")
_WS_RE = re.compile(r"[^a-z0-9\-]+")
_NEXT_WORD_RE = re.compile(r"[ \t\n\-–—.'’&/]{0,4}([A-Za-z0-9]+)")


def actor_key(name: str) -> str:
    """Return the comparison key of an actor name: lowercase words, no punctuation, no leading "the"."""
    text = _DROP_RE.sub("", name.lower().replace("&", " and "))
    text = _NON_WORD_RE.sub(" ", text).strip()
    # "u s" (from "U. S.") and "us" (from "U.S.") must meet.
    text = _SINGLE_LETTERS_RE.sub(r"\1", text)
    if text.startswith("the "):
        text = text[4:]
    for british, american in _SPELLINGS:
        text = text.replace(british, american)
    return text


def singular(word: str) -> str:
    """Return the singular of an English plural noun, or the word itself."""
    if len(word) <= 3 and word.endswith("s") and word[:-1].isupper():
        return word[:-1]  # "NGOs" -> "NGO"
    lowered = word.lower()
    if len(word) <= 3 or lowered.endswith(("ss", "us", "is", "sis")):
        return word
    if lowered.endswith("ies"):
        return word[:-3] + ("Y" if word.isupper() else "y")
    if lowered.endswith(("ches", "shes", "xes", "ses")):
        return word[:-2]
    if lowered.endswith("s"):
        return word[:-1]
    return word


def plural_key(key: str) -> str:
    """Return the key with its last word made singular: the only plural a name may differ by."""
    head, _, last = key.rpartition(" ")
    last = singular(last)
    return f"{head} {last}" if head else last


@dataclass(frozen=True)
class Mention:
    """A known actor found in a text, with the exact words and where they stand."""

    entry: GazetteerEntry
    surface: str
    start: int
    end: int


class Gazetteer:
    """The known actors, indexed for ``resolve`` and for scanning free text."""

    def __init__(self, entries: tuple[GazetteerEntry, ...]):
        self.entries = entries
        self._exact: dict[str, GazetteerEntry] = {}
        self._plural: dict[str, GazetteerEntry] = {}
        # Scanning index: first word of a name -> most words a name starting with it has.
        self._first: dict[str, int] = {}
        self._loose_keys: set[str] = set()  # keys of multi-word names: any case matches
        self._strict_forms: set[str] = set()  # one-word names and acronyms: matched as written
        self._after_the: set[str] = set()  # keys of names written with "the" ("The region")
        self._cache: dict[str, tuple[GazetteerEntry | None, bool]] = {}
        self._resolved: dict[str, GazetteerEntry | None] = {}
        self._fuzzy_keys: list[str] | None = None
        for entry in entries:
            for form in (entry.name, entry.acronym, *entry.aliases):
                if form:
                    self._index(form, entry)

    def _index(self, form: str, entry: GazetteerEntry) -> None:
        """Add one spelling of an actor to the lookup and scanning indexes."""
        key = actor_key(form)
        self._exact.setdefault(key, entry)
        self._plural.setdefault(plural_key(key), entry)
        tokens = _TOKEN_RE.findall(form)
        if tokens and tokens[0].lower() == "the" and len(tokens) > 1:
            # Index "The region" under "region", but only accept it after a "the" in the text:
            # "sub-region" is not an actor, and "the" is far too common a first word to index.
            tokens = tokens[1:]
            self._after_the.add(key)
        if not tokens:
            return
        base = singular(tokens[0]).lower()
        stem = base[:-1] if base.endswith("y") else base
        # Index every plural a first word may take in a text ("University" / "Universities").
        for first in {tokens[0].lower(), base, base + "s", base + "es", stem + "ies"}:
            self._first[first] = max(self._first.get(first, 0), len(tokens))
        if len(tokens) == 1 or all(t.isupper() for t in tokens):
            # "Connect" is a network and "connect" a verb; "U.S." a country and "us" a pronoun.
            self._strict_forms.add(_compact(form))
            self._strict_forms.add(_compact(singular(form)))
        else:
            self._loose_keys.add(key)
            self._loose_keys.add(plural_key(key))

    def resolve(self, name: str) -> GazetteerEntry | None:
        """Return the known actor a name stands for, or None when the gazetteer does not know it."""
        if name in self._resolved:
            return self._resolved[name]
        if len(self._resolved) > 50_000:
            self._resolved.clear()
        entry = self._resolved[name] = self._resolve(name)
        return entry

    def _resolve(self, name: str) -> GazetteerEntry | None:
        """Return the known actor a name stands for (uncached ``resolve``)."""
        for candidate in _candidates(name):
            key = actor_key(candidate)
            if not key:
                continue
            found = self._exact.get(key) or self._plural.get(plural_key(key))
            if found:
                return found
        return self._fuzzy(actor_key(name))

    def _fuzzy(self, key: str) -> GazetteerEntry | None:
        """Return the known actor an OCR-damaged or misspelt long name stands for ("Minstry of Healht").

        Only names of three words or more, at least 92% alike, with the same first letters and the
        same number of words: "Ministry of Education" never becomes "Ministries of Education".
        """
        words = key.split()
        if len(words) < 3 or len(key) < 12:
            return None
        if self._fuzzy_keys is None:
            self._fuzzy_keys = [k for k in self._exact if len(k.split()) >= 3]
        match = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=92)
        if match is None:
            return None
        other = match[0].split()
        if len(other) != len(words) or other[0][:3] != words[0][:3] or \
                any(a.endswith("s") != b.endswith("s") for a, b in zip(words, other, strict=True)):
            return None
        return self._exact[match[0]]

    def scan(self, text: str, words: set[str] | None = None) -> list[Mention]:
        """Return every known actor named in a text, longest name first at each place, in order.

        ``words`` is the set of the text's lower-case words when the caller has it already.
        """
        mentions: list[Mention] = []
        lowered = text.lower()
        # Most words start no name: find the few that do, then look only where they stand.
        candidates = self._first.keys() & (words if words is not None else set(_TOKEN_RE.findall(lowered)))
        if not candidates:
            return mentions
        resume = 0
        for start, word in _word_starts(lowered, candidates):
            if start < resume:
                continue
            ends = _word_ends(text, start + len(word), self._first[word])
            for end in reversed(ends):
                surface = text[start:end]
                entry, after_the = self._match(surface)
                if entry is not None and after_the and not lowered[max(0, start - 4): start].endswith("the "):
                    entry = None
                if entry is not None:
                    mentions.append(Mention(entry, surface, start, end))
                    resume = end
                    break
        return mentions

    def _match(self, surface: str) -> tuple[GazetteerEntry | None, bool]:
        """Return the actor a span of text names (case respected where the name demands it), and
        whether the name only counts after "the"."""
        found = self._cache.get(surface)
        if found is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            entry = self._lookup(surface)
            found = self._cache[surface] = (entry, entry is not None and actor_key(surface) in self._after_the)
        return found

    def _lookup(self, surface: str) -> GazetteerEntry | None:
        """Return the actor a span of text names (uncached ``_match``)."""
        key = actor_key(surface)
        singular_key = plural_key(key)
        entry = self._exact.get(key) or self._plural.get(singular_key)
        if entry is None:
            return None
        if key in self._loose_keys or singular_key in self._loose_keys:
            return entry
        compact = _compact(surface)
        if compact in self._strict_forms or (compact.endswith("s") and compact[:-1] in self._strict_forms):
            return entry
        return None

    def network_counts(self, text: str) -> Counter[str]:
        """Return how often each known network is named in a text (by any of its spellings, as written)."""
        counts: Counter[str] = Counter()
        for entry in self.entries:
            if entry.kind == "network":
                for form in {entry.name, entry.acronym, *entry.aliases} - {""}:
                    counts[entry.name] += text.count(form)
        return +counts

    def by_name(self, name: str) -> GazetteerEntry | None:
        """Return the entry with exactly this canonical name."""
        return next((e for e in self.entries if e.name == name), None)


def _candidates(name: str) -> list[str]:
    """Return the spellings to try for a name: as given, without a possessive, without/inside brackets."""
    name = name.strip().strip(",;:")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    candidates = [name]
    inside = _PAREN_RE.search(name)
    if inside:
        candidates.append(_PAREN_RE.sub(" ", name).strip())
        candidates.append(inside.group(1))
    return candidates


def _compact(text: str) -> str:
    """Return text with everything but letters and digits removed ("U.S." -> "US"), case kept."""
    return _NON_ALNUM_RE.sub("", text)


def _word_starts(lowered: str, words: set[str]) -> list[tuple[int, str]]:
    """Return (position, word) for every whole-word occurrence of the given words, in text order."""
    found = []
    size = len(lowered)
    for word in words:
        position = lowered.find(word)
        while position != -1:
            end = position + len(word)
            if (position == 0 or not _is_word_char(lowered[position - 1])) and (
                    end == size or not _is_word_char(lowered[end])):
                found.append((position, word))
            position = lowered.find(word, position + 1)
    found.sort()
    return found


def _is_word_char(char: str) -> bool:
    """Return True for the characters a word is made of (ASCII letters and digits, as ``_TOKEN_RE``)."""
    return char.isascii() and char.isalnum()


def _word_ends(text: str, end: int, longest: int) -> list[int]:
    """Return where the 1st, 2nd ... (at most ``longest``) word of a run starting before ``end`` ends.

    Words of one name are joined by spaces, hyphens, dots, apostrophes or "&"; a name never spans
    a comma or a bracket ("Donors, Universities" is two actors), nor ends on a possessive "'s".
    """
    ends = [end]
    while len(ends) < longest:
        following = _NEXT_WORD_RE.match(text, ends[-1])
        if following is None:
            break
        if following.group(1) == "s" and following.group(0)[:1] in "'’":
            break
        ends.append(following.end())
    return ends


def load_gazetteer(path: Path | str) -> Gazetteer:
    """Return the gazetteer read from a TOML file of ``[[actor]]`` tables; raise ``IngestError`` if invalid."""
    path = Path(path)
    data = _load_toml(path)
    entries = []
    for number, table in enumerate(data.get("actor", []), start=1):
        name = str(table.get("name", "")).strip()
        kind = str(table.get("kind", "")).strip()
        if not name or kind not in ACTOR_KINDS:
            raise IngestError(path, f"actor #{number} ({name or 'no name'}) needs a name and a kind among "
                                    f"{', '.join(ACTOR_KINDS)}")
        entries.append(GazetteerEntry(
            name=name, kind=kind, acronym=str(table.get("acronym", "")).strip(),
            aliases=tuple(str(a).strip() for a in table.get("aliases", []) if str(a).strip()),
            country=str(table.get("country", "")).strip().upper(), parent=str(table.get("parent", "")).strip(),
        ))
    return Gazetteer(tuple(entries))


def _load_toml(path: Path) -> dict:
    """Return the decoded TOML of a catalogue file, or raise ``IngestError`` naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IngestError(path, "catalogue file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(path, f"TOML syntax error: {exc}") from exc


class KeywordCounter:
    """Counts keyword hits in a text: single words by exact (plural-tolerant) word, phrases as substrings.

    Counting words once per text (``prepare``) and phrases with ``str.count`` keeps classifying a
    100-kilobyte report to a few milliseconds.
    """

    def __init__(self, keywords: tuple[str, ...]):
        words = [k for k in keywords if _WORD_RE.fullmatch(k)]
        self.variants = frozenset(v for w in words for v in (w, w + "s", w + "es"))
        # (" phrase", its first word, its weight): a phrase is only searched for when its first
        # word occurs in the text at all.
        self.phrases = tuple(
            (f" {' '.join(k.split())}", _WORD_RE.findall(k)[0], len(k.split()))
            for k in keywords if not _WORD_RE.fullmatch(k) and _WORD_RE.search(k)
        )

    @staticmethod
    def prepare(text: str) -> tuple[Counter, str]:
        """Return the word counts and the space-normalised lower-case text that ``score`` reads."""
        lowered = _WS_RE.sub(" ", text.lower())
        return Counter(_WORD_RE.findall(lowered)), f" {lowered} "

    def score(self, prepared: tuple[Counter, str]) -> int:
        """Return the weighted number of keyword hits in a prepared text."""
        counts, lowered = prepared
        get = counts.get
        total = sum(get(variant, 0) for variant in self.variants)
        for phrase, first, weight in self.phrases:
            if first in counts:
                total += lowered.count(phrase) * weight
        return total


@dataclass(frozen=True)
class Theme:
    """A thematic area and the words that signal it."""

    name: str
    slug: str
    description: str
    keywords: tuple[str, ...]


class ThemeCatalogue:
    """The themes, able to say which one a passage is about."""

    def __init__(self, themes: tuple[Theme, ...]):
        self.themes = themes
        self._counters = [(t.name, KeywordCounter(t.keywords)) for t in themes]
        self._names = {actor_key(t.name): t.name for t in themes}

    def scores(self, text: str) -> dict[str, int]:
        """Return each theme's score in a text: keyword hits weighted by the keyword's word count."""
        words = KeywordCounter.prepare(text)
        return {name: counter.score(words) for name, counter in self._counters}

    def classify(self, text: str) -> str:
        """Return the name of the theme a text is most about, or "" when no keyword occurs."""
        scores = self.scores(text)
        best = max(scores.values(), default=0)
        if best == 0:
            return ""
        return next(name for name, score in scores.items() if score == best)

    def named(self, text: str) -> str:
        """Return the theme whose name a short text (a heading, a contents row) is, or ""."""
        return self._names.get(actor_key(text), "")


def load_themes(path: Path | str) -> ThemeCatalogue:
    """Return the theme catalogue read from a TOML file of ``[[theme]]`` tables."""
    path = Path(path)
    themes = []
    for table in _load_toml(path).get("theme", []):
        name = str(table.get("name", "")).strip()
        if not name:
            raise IngestError(path, "every [[theme]] needs a name")
        themes.append(Theme(
            name=name, slug=str(table.get("slug", "")).strip() or re.sub(r"[^a-z0-9]+", "-", name.lower()),
            description=str(table.get("description", "")).strip(),
            keywords=tuple(str(k).strip().lower() for k in table.get("keywords", []) if str(k).strip()),
        ))
    return ThemeCatalogue(tuple(themes))


class SdgCatalogue:
    """The 17 Sustainable Development Goals with the keywords that tag a recommendation."""

    def __init__(self, goals: tuple[tuple[int, str, tuple[str, ...]], ...]):
        self.goals = goals
        # One lookup table for single words and one regex for phrases, so tagging a recommendation
        # reads its text once rather than once per goal.
        self._by_word: dict[str, set[int]] = {}
        self._phrases: dict[str, list[tuple[str, int]]] = {}  # first word -> [(" phrase", goal)]
        for number, _, keywords in goals:
            counter = KeywordCounter(keywords)
            for variant in counter.variants:
                self._by_word.setdefault(variant, set()).add(number)
            for phrase, first, _ in counter.phrases:
                self._phrases.setdefault(first, []).append((phrase, number))

    def tag(self, text: str, words: set[str] | None = None) -> tuple[int, ...]:
        """Return the numbers of the goals whose keywords occur in a text, ascending.

        ``words`` is the set of the text's lower-case words when the caller has it already.
        """
        lowered = f" {_WS_RE.sub(' ', text.lower())} "
        words = words if words is not None else set(_WORD_RE.findall(lowered))
        goals = {n for word in words for n in self._by_word.get(word, ())}
        for first in words & self._phrases.keys():
            goals.update(n for phrase, n in self._phrases[first] if phrase in lowered)
        return tuple(sorted(goals))


def load_sdgs(path: Path | str) -> SdgCatalogue:
    """Return the SDG catalogue read from a TOML file of ``[[goal]]`` tables."""
    path = Path(path)
    goals = []
    for table in _load_toml(path).get("goal", []):
        number = table.get("number")
        if not isinstance(number, int) or not 1 <= number <= 17:
            raise IngestError(path, f"goal number must be 1..17, not {number!r}")
        goals.append((number, str(table.get("title", "")),
                      tuple(str(k).strip().lower() for k in table.get("keywords", []) if str(k).strip())))
    return SdgCatalogue(tuple(goals))


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Return the gazetteer shipped in ``fixtures/actors.toml`` (read once per process)."""
    return load_gazetteer(FIXTURES / "actors.toml")


@lru_cache(maxsize=1)
def default_themes() -> ThemeCatalogue:
    """Return the themes shipped in ``fixtures/themes.toml`` (read once per process)."""
    return load_themes(FIXTURES / "themes.toml")


@lru_cache(maxsize=1)
def default_sdgs() -> SdgCatalogue:
    """Return the SDG goals shipped in ``fixtures/sdgs.toml`` (read once per process)."""
    return load_sdgs(FIXTURES / "sdgs.toml")
