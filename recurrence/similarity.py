"""How alike two recommendations' asks are: pure Python, no Django.

A recommendation's wording becomes a sequence of *terms*: its content words, lower-cased, with
British/American spellings and number words folded, stemmed (Snowball English). Function words and
the generic verbs of policy language ("establish", "strengthen", "ensure", "support" …) carry no
term: they say that something is to be done, not what.

``compare`` turns two wordings and their context into features and a score in [0, 1]:

- ``cosine``: TF-IDF cosine over the terms, where two stems that differ only in their ending
  ("registri"/"regist") count as the same term, weighted by their likeness;
- ``swapped``: the weight of terms that stand in place of each other where the two texts are aligned
  word by word ("… early warning system for *floods* …" / "… for *dengue outbreaks* …"), as a share of
  the lighter text's weight;
- ``copied_swap``: ``swapped`` times the share of words in runs of three or more words the texts
  have in common: a later text that copies the earlier one's frame and swaps its object asks
  something else;
- ``rare_missing``: how distinctive the most distinctive term each text lacks from the other is (the
  smaller of the two): repeats keep the rare words of the ask, however reworded;
- ``shared_theme`` (or a priority issue worded alike) and ``shared_actor``.

The score is a logistic model over these features, fitted on the labelled pairs in
``tests/recurrence_pairs/pairs.toml`` (``python -m bench.fit_recurrence`` prints the fit).
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from rapidfuzz.distance import Indel


def _word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a literal as a frozenset (for long word lists)."""
    return frozenset(text.split())


STOPWORDS = _word_set("""
    a about above across after again against all along also although am among an and any are as at be
    been before being below between both but by can could did do does doing done down during each either
    especially etc every few for from further had has have having here how however i if in into is it its
    itself just may might more most must no nor not now of off on once only or other our out over own per
    perhaps same shall should so some such than that the their them then there these they this those
    through to too under until up upon very via was we were what whatever when where whether which while
    who whom why will with within without would yet you including like well whose possible e g ie
""")
# Verbs (as stems) that say something is to be done, not what: "set up" / "establish" / "create"…
GENERIC_STEMS = _word_set("""
    establish creat set build develop provid offer give make introduc adopt support strengthen promot
    improv implement conduct carri take undertak put consid encourag facilit enhanc continu ensur allow
    enabl need use new
""")
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "twenty": "20", "hundred": "100"}
SPELLINGS = {"labor": "labour", "program": "programme", "programs": "programmes", "center": "centre",
             "centers": "centres", "behavior": "behaviour", "organization": "organisation",
             "organizations": "organisations"}
_WORD_RE = re.compile(r"[a-z0-9]+")
_IZE_RE = re.compile(r"(?<=[a-z]{3})iz(e|ed|es|ing|ation|ations)$")
_STEMMER = snowballstemmer.stemmer("english")

# The fitted model: score = logistic(INTERCEPT + sum(WEIGHTS[f] * feature f)).
WEIGHTS = {
    "cosine": 5.71, "swapped": -0.74, "copied_swap": -28.58,
    "rare_missing": -0.54, "shared_theme": 2.36, "shared_actor": 2.34}
INTERCEPT = -5.49
# A pair below this cosine is never suggested, whatever its context: nothing of the wording is shared.
MIN_COSINE = 0.12


@lru_cache(maxsize=50_000)
def term_of(word: str) -> str | None:
    """Return a lower-case word's term (its folded stem), or None for a function or generic word."""
    if word in STOPWORDS:
        return None
    word = NUMBER_WORDS.get(word) or SPELLINGS.get(word) or _IZE_RE.sub(r"is\1", word)
    stem = _STEMMER.stemWord(word)
    return None if stem in GENERIC_STEMS else stem


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower().replace("’", "'").replace("'s ", " ").replace(",", ""))


def terms(text: str) -> list[str]:
    """Return the terms of a wording, in order (a term may repeat)."""
    return [t for t in map(term_of, _words(text)) if t]


@dataclass(frozen=True)
class Wording:
    """A recommendation's wording as ``compare`` reads it."""

    terms: tuple[str, ...]
    keys: tuple[str, ...]  # every word in order: its term, or "·word" for a function or generic word

    @classmethod
    def of(cls, text: str) -> Wording:
        words = _words(text)
        keys = tuple(term_of(w) or f"·{w}" for w in words)
        return cls(terms=tuple(k for k in keys if not k.startswith("·")), keys=keys)


@dataclass(frozen=True)
class Comparison:
    """The features of a pair and the score the model gives them."""

    score: float
    features: dict[str, float]


def likeness(a: str, b: str) -> float:
    """How far two terms are one: 1 if equal, their character likeness if they differ only in an
    ending (at least four letters in common at the start, 80 % alike), else 0."""
    if a == b:
        return 1.0
    if len(a) < 4 or len(b) < 4 or a[:4] != b[:4]:
        return 0.0
    similarity = Indel.normalized_similarity(a, b)
    return similarity if similarity >= 0.8 else 0.0


def _by_start(terms: frozenset[str]) -> dict[str, list[str]]:
    """Return terms grouped by their first four letters: only terms within a group can be alike."""
    groups: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= 4:
            groups.setdefault(term[:4], []).append(term)
    return groups


def _best(term: str, others: frozenset[str], by_start: dict[str, list[str]]) -> tuple[float, str]:
    """Return the likeness of a term's closest match among others, and that match ((0.0, "") for none):
    an equal term, else one of those sharing its first four letters (``likeness`` is 0 for any other)."""
    if term in others:
        return 1.0, term
    return max(((likeness(term, o), o) for o in by_start.get(term[:4], ()) if len(term) >= 4), default=(0.0, ""))


def compare(a: Wording, b: Wording, *, idf: Callable[[str], float], shared_theme: bool,
            shared_actor: bool) -> Comparison:
    """Return how alike two wordings' asks are, with the features the score was made of."""
    set_a, set_b = frozenset(a.terms), frozenset(b.terms)
    weight_a = {t: (1 + math.log(n)) * idf(t) for t, n in Counter(a.terms).items()}
    weight_b = {t: (1 + math.log(n)) * idf(t) for t, n in Counter(b.terms).items()}
    norm = math.sqrt(sum(w * w for w in weight_a.values())) * math.sqrt(sum(w * w for w in weight_b.values()))
    start_a, start_b = _by_start(set_a), _by_start(set_b)
    match_a = {t: _best(t, set_b, start_b) for t in set_a}
    match_b = {t: _best(t, set_a, start_a)[0] for t in set_b}
    dot = sum(weight_a[t] * weight_b[o] * sim for t, (sim, o) in match_a.items() if sim)
    cosine = dot / norm if norm else 0.0
    lighter = min(sum(weight_a.values()), sum(weight_b.values())) or 1.0
    swapped = _swapped(_matcher(a.terms, b.terms), a.terms, b.terms, weight_a, weight_b, match_a, match_b,
                       min_flank=1) / lighter
    frame = _matcher(a.keys, b.keys)  # the words in order, aligned once for both features that use them
    swapped_in_frame = _swapped(frame, a.keys, b.keys, weight_a, weight_b, match_a, match_b, min_flank=2) / lighter
    features = {
        "cosine": cosine,
        "swapped": swapped,
        "copied_swap": _copied(frame, a.keys, b.keys) * swapped_in_frame,
        "rare_missing": min(_rarest_missing(weight_a, match_a, idf), _rarest_missing(weight_b, match_b, idf)),
        "shared_theme": float(shared_theme),
        "shared_actor": float(shared_actor),
    }
    if cosine < MIN_COSINE:
        return Comparison(score=0.0, features=features)
    z = INTERCEPT + sum(WEIGHTS[name] * value for name, value in features.items())
    return Comparison(score=1 / (1 + math.exp(-z)), features=features)


def _matcher(keys_a, keys_b) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)


def _swapped(matcher, keys_a, keys_b, weight_a, weight_b, match_a, match_b, *, min_flank: int) -> float:
    """The weight of terms standing in place of each other between aligned runs of the two texts."""
    ops = matcher.get_opcodes()
    total = 0.0
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace":
            continue
        before = k > 0 and ops[k - 1][0] == "equal" and ops[k - 1][2] - ops[k - 1][1] >= min_flank
        after = k + 1 < len(ops) and ops[k + 1][0] == "equal" and ops[k + 1][2] - ops[k + 1][1] >= min_flank
        if not (before or after):
            continue
        lost = sum(weight_a[t] for t in set(keys_a[i1:i2]) if t in match_a and match_a[t][0] < 0.5)
        found = sum(weight_b[t] for t in set(keys_b[j1:j2]) if t in match_b and match_b[t] < 0.5)
        total += min(lost, found)
    return total


def _copied(matcher, keys_a, keys_b) -> float:
    """The share of words in runs of three or more that the two texts have in common, in order."""
    blocks = matcher.get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= 3) / (max(len(keys_a), len(keys_b)) or 1)


def _rarest_missing(weights: dict[str, float], matches: dict, idf: Callable[[str], float]) -> float:
    """How distinctive the most distinctive term missing from the other text is, relative to the
    text's most distinctive term (0: none is missing)."""
    def matched(term):
        found = matches[term]
        return (found[0] if isinstance(found, tuple) else found) >= 0.5

    rarest = max((idf(t) for t in weights), default=0.0)
    missing = max((idf(t) for t in weights if not matched(t)), default=0.0)
    return missing / rarest if rarest else 0.0


def idf_from(document_frequency: dict[str, int], total: int) -> Callable[[str], float]:
    """Return the smoothed inverse document frequency of a term among ``total`` recommendations."""
    def idf(term: str) -> float:
        return math.log((total + 1) / (document_frequency.get(term, 0) + 1)) + 1
    return idf
