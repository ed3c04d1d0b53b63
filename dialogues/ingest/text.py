"""Small text helpers shared by the ingest modules: OCR clean-up, slugs, sentences, word sets.

Everything here is pure and cheap; regexes are compiled once at import.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_MARKUP_RE = re.compile(r"<sup>(.*?)</sup>|<[^>]+>|\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)")
_SLUG_RE = re.compile(r"[^a-z0-9]+")
_SENTENCE_RE = re.compile(r"(?<=[.!?;])[\"”’)]?[¹²³⁴⁵⁶⁷⁸⁹⁰]*\s+(?=[\"“(]?[A-Z0-9])")  # "... they use.⁶ Employers"
_WORD_RE = re.compile(r"[a-z][a-z0-9]+")
# Abbreviations whose full stop does not end a sentence ("Dr. Smith", "e.g. Laos", "U.S. Embassy").
_ABBREV_RE = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Nos|no|nos|Art|art|para|paras|e\.g|i\.e|etc|vs|al|U\.S|U\.K|"
                        r"Jan|Feb|Mar|Apr|Jun|"
                        r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ph\.D|H\.E)\.$")

def word_set(text: str) -> frozenset[str]:
    """Return the whitespace-separated words of a literal as a frozenset (for long word lists)."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """a about above across after again against all along also although am among an and any are as at be
    been before being below between both but by can could did do does doing done down during each either
    especially etc few for from further had has have having here how however i if in into is it its itself
    just may might more most must no nor not now of off on once only or other our out over own per perhaps
    same shall should so some such than that the their them then there these they this those through to too
    under until up upon very via was we were what when where whether which while who whom why will with
    within without would yet you including like well whose where possible e g ie"""
)


def strip_markup(text: str) -> str:
    """Return text without markdown emphasis, HTML tags or heading hashes (``<sup>th</sup>`` keeps ``th``)."""
    if "*" in text or "<" in text or "_" in text:
        text = _MARKUP_RE.sub(lambda m: m.group(1) or "", text)
    return text.lstrip("#").strip()


def normalise_space(text: str) -> str:
    """Return text with every run of whitespace (tabs, NBSP, newlines) collapsed to one space."""
    return " ".join(text.split())


_KEPT_PREFIXES = frozenset({"non", "self", "co", "well", "ex", "anti", "cross", "multi", "semi"})


def join_wrapped(parts: list[str]) -> str:
    """Return soft-wrapped line fragments joined into one string.

    OCR keeps hyphenated line breaks ("Sangmueang-" / "skallevold"): a fragment ending in a
    letter + hyphen is glued to the next one without a space.
    """
    out = ""
    for part in parts:
        part = normalise_space(part)
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            # "recruit-" / "ment" is one word; "non-" / "governmental" and "Sangmueang-" / "skallevold" keep the hyphen.
            fragment = re.search(r"(\w+)-$", out)
            word = fragment.group(1) if fragment else ""
            keep = word.lower() in _KEPT_PREFIXES or not word.islower()
            out = (out if keep else out[:-1]) + part
        else:
            out = f"{out} {part}" if out else part
    return out


_JOINED_RE = re.compile(r"\b(of|and|in|for|with|the|to|on)([A-Z][a-z]{2,})|\b([A-Z][a-z]{3,})(?=[A-Z][a-z]{3,})")


def repair_joined_words(text: str) -> str:
    """Return text with OCR-joined words split: "LocalVoices" -> "Local Voices", "ofCurricula" -> "of Curricula".

    Only a capitalised word of four letters or more running into another, or a short function word
    running into a capitalised one, is split; "AmCham" and "McArthur" stay as they are.
    """
    if not _JOINED_RE.search(text):
        return text
    previous = None
    while previous != text:
        previous = text
        text = _JOINED_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1) else f"{m.group(3)} ", text)
    return text


@lru_cache(maxsize=4096)
def slugify(text: str, max_length: int = 40) -> str:
    """Return a lowercase ASCII slug, cut at a word boundary to at most ``max_length`` characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_RE.sub("-", ascii_text.lower().replace("'", "")).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "section"


def split_sentences(text: str) -> list[str]:
    """Return the sentences of a passage; abbreviations such as "Dr." or "U.S." do not split."""
    pieces = _SENTENCE_RE.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREV_RE.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [s.strip() for s in sentences if s.strip()]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a crude stem so that "agreements"/"agreement" and "share"/"sharing"/"shared" compare equal."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def content_words(text: str) -> frozenset[str]:
    """Return the stemmed content words of a text (no stopwords, no one-letter tokens)."""
    lowered = text.lower().replace("-", " ").replace("/", " ")
    return frozenset(stem(w) for w in _WORD_RE.findall(lowered) if w not in STOPWORDS)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the overlap coefficient of two word sets (shared words over the smaller set)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
