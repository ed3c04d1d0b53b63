"""Who is to act: subjects of "X should/can/will ..." sentences, lead-in subjects, actors named inside.

Roles: ``lead`` is the grammatical subject of a modal sentence (or the countries a
"Mongolia, Jordan: enhance ..." label names); ``support`` is a known actor named elsewhere in
the recommendation ("Through MUSP coordination, the CDC can work with Ministries of Health" ->
CDC lead; MUSP, Ministries of Health support); ``addressee`` comes from outside the sentence (a
lead-in, a heading, the sidecar) and is only used when the text names no lead.

A phrase counts as an actor when the gazetteer knows it, when it names a country, or when its
head noun is one that acts (ministries, donors, universities, agencies ...). Policies,
agreements, data, pronouns and "the health sector" are not actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .countries import country_code
from .gazetteer import Gazetteer, Mention, actor_key, singular
from .records import ActorMention
from .text import split_sentences, word_set

MODAL_RE = re.compile(r"\b(should|can|could|will|must|shall|may|would|needs? to|ha(?:s|ve) to)\b")
_AFTER_MODAL_RE = re.compile(
    r"^\s*(?:not\s+)?(?:(?:also|actively|clearly|then|further|jointly|strictly|immediately|urgently|"
    r"continue to|only|still|therefore|now|first)\s+)*(\w+)\s+(\w+)?"
)
_IRREGULAR_PARTICIPLES = word_set(
    "made done built set held given taken shown known drawn seen put kept led paid run sent spent taught "
    "understood undertaken written met brought bought chosen driven found thought won"
)
_ASIDE_RE = re.compile(r"\([^)]*\)|[—–]\s*[^—–]*?\s*[—–]|\s-\s[^-]*?\s-\s")
_LEADING_WORDS_RE = re.compile(
    r"^(?:(?:and|but|so|also|then|hence|therefore|thus|moreover|furthermore|additionally|finally|lastly|"
    r"however|similarly|likewise|in addition|in particular|importantly|ultimately),?\s+)+",
    re.IGNORECASE,
)
_INTRO_RE = re.compile(
    r"^(?:to|through|where|in|by|with|for|if|when|as|under|based on|given|after|before|while|although|"
    r"since|once|within|beyond|following|building on|along with|at|on|during|over|from|via)\b",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"\s+(?:that|which|who|whose|whom)\s+.*$", re.IGNORECASE)
_EXEMPLAR_RE = re.compile(
    r"\s*,?\s+(?:like|such as|including|e\.g\.,?|especially|particularly|notably|namely)\s+", re.IGNORECASE
)
_LIST_SPLIT_RE = re.compile(r"\s*,\s*(?:and|or|as well as)\s+|\s*,\s*|\s+(?:and|or|as well as)\s+|\s*[/&]\s*")
_QUANTIFIER_RE = re.compile(
    r"^(?:(?:all|other|relevant|respective|their|its|our|both|each|any|some|these|those|various|key|"
    r"concerned|individual|participating)\s+)+",
    re.IGNORECASE,
)
_TRAILING_PLACE_RE = re.compile(
    r"\s+(?:in|at|across|within|throughout|from|among)\s+(?:each|all|the|their|its|this|these|every|"
    r"both|our|mekong|member|respective|[A-Z])[\w\s\-.,]*$"
)
_ATTRIBUTIVE_RE = re.compile(
    r"^\s*(?:['’]s\s+)?(?:global code|code|codes|safeguard|list|lists|guidelines?|declaration|conventions?|"
    r"recommendations?|agenda|conference|flickr|website|standards?|mutual recognition|mras?|"
    r"communication strategy|law|laws|programme|program|project|region|regional office|account)\b",
    re.IGNORECASE,
)
# "throughout the region", "across ASEAN countries", "to the United States": a place, not an actor.
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|across|throughout|within|to|from|among|around|into)\s+(?:the\s+)?$",
                              re.IGNORECASE)
_LABEL_RE = re.compile(r"^([^:]{2,120}?):\s+(\S.*)$", re.DOTALL)

ACTOR_HEADS = word_set(
    """ministry government agency donor partner organization organisation institution university ngo cso
    company actor legislator lawmaker teacher lecturer administrator researcher instructor bureau body council
    committee secretariat alliance network region world country state trainer employer union authority
    regulator force office unit center centre department policymaker maker stakeholder association federation
    bank fund academic practitioner provider member parliament assembly commission embassy community
    institute foundation coalition platform hub consortium cluster group team forum"""
)
NON_ACTORS = word_set(
    """it this that there they we you these those which who he she one such policy agreement list data
    analysis approach system process classwork curriculum program programme work effort initiative measure
    strategy plan framework law regulation alignment emphasis training investment sector issue challenge
    need gap result outcome output activity action step priority recommendation study research report
    mechanism project technology document production information service"""
)


@dataclass(frozen=True)
class Subject:
    """The subject of one modal sentence: its text, where it starts in the sentence, and its modal."""

    text: str
    start: int
    end: int
    modal: str
    passive: bool


def find_modal(sentence: str) -> re.Match[str] | None:
    """Return the first modal verb of a sentence that is not inside brackets or a dash aside."""
    masked = _ASIDE_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    return MODAL_RE.search(masked)


def sentence_subject(sentence: str) -> Subject | None:
    """Return the subject before the first modal of a sentence, without any introductory clause."""
    modal = find_modal(sentence)
    if modal is None:
        return None
    following = _AFTER_MODAL_RE.match(sentence[modal.end():])
    passive = bool(following) and following.group(1).lower() == "be" and _is_participle(following.group(2) or "")
    start, text = 0, sentence[: modal.start()]
    stripped = _LEADING_WORDS_RE.match(text)
    if stripped:
        start, text = stripped.end(), text[stripped.end():]
    while _INTRO_RE.match(text) and "," in text:
        cut = text.index(",") + 1
        start, text = start + cut, text[cut:]
        lead = len(text) - len(text.lstrip())
        start, text = start + lead, text.lstrip()
        stripped = _LEADING_WORDS_RE.match(text)
        if stripped:
            start, text = start + stripped.end(), text[stripped.end():]
    if _INTRO_RE.match(text):
        return Subject("", start, modal.start(), modal.group(1).lower(), passive)
    return Subject(text.strip(), start, modal.start(), modal.group(1).lower(), passive)


def _is_participle(word: str) -> bool:
    """Return True when a word after "be" makes the sentence passive ("be made", "be reviewed")."""
    word = word.lower()
    return word in _IRREGULAR_PARTICIPLES or (word.endswith(("ed", "en")) and len(word) > 3)


def split_subject(subject: str, gazetteer: Gazetteer) -> list[str]:
    """Return the actor phrases a subject lists: "A, B, and C" -> [A, B, C]; "A like B" -> [A, B]."""
    cleaned = _RELATIVE_RE.sub("", _ASIDE_RE.sub(" ", subject)).strip(" ,;:")
    parts: list[str] = []
    for piece in _EXEMPLAR_RE.split(cleaned, maxsplit=1):
        parts.extend(split_list(piece, gazetteer))
    return [p for p in parts if p]


def split_list(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the items of a coordinated list, keeping known names that contain "and" whole."""
    mentions = gazetteer.scan(text)
    protected, names = text, []
    for index, mention in reversed(list(enumerate(mentions))):
        protected = f"{protected[: mention.start]}\x00{index}\x00{protected[mention.end:]}"
        names.append(mention.surface)
    names.reverse()
    items = []
    for raw in _LIST_SPLIT_RE.split(protected):
        item = re.sub(r"\x00(\d+)\x00", lambda m: names[int(m.group(1))], raw).strip(" ,.;:")
        if item:
            items.append(item)
    return _clean_items(_merge_non_pairs(items))


def _merge_non_pairs(items: list[str]) -> list[str]:
    """Return items with "Government" + "non-government research institutions" merged back into one."""
    merged: list[str] = []
    for item in items:
        if merged and len(merged[-1].split()) == 1 and re.match(
            rf"non[\s\-]*{re.escape(merged[-1])}\b", item, re.IGNORECASE
        ):
            merged[-1] = f"{merged[-1]} and {item}"
        else:
            merged.append(item)
    return merged


def _clean_items(items: list[str]) -> list[str]:
    """Return list items without quantifiers ("other") or a trailing place ("in each Mekong country")."""
    cleaned = []
    for item in items:
        the = item[:4].lower() == "the "
        body = item[4:] if the else item
        body = _QUANTIFIER_RE.sub("", body)
        body = _TRAILING_PLACE_RE.sub("", body).strip(" ,.;:")
        if body:
            cleaned.append(f"{item[:4]}{body}" if the else body)
    return cleaned


def head_noun(phrase: str) -> str:
    """Return the singular head noun of a phrase: the word before "of", else the last word."""
    words = phrase.replace("-", " ").split()
    if not words:
        return ""
    if "of" in (w.lower() for w in words[1:]):
        index = next(i for i, w in enumerate(words) if i and w.lower() == "of")
        words = words[:index]
    return singular(words[-1]).lower().strip(".,;:'’")


def is_actor(phrase: str, gazetteer: Gazetteer) -> bool:
    """Return True when a phrase names someone who can act (known actor, country, or acting head noun)."""
    if not phrase or len(phrase.split()) > 12:
        return False
    if gazetteer.resolve(phrase) is not None or country_code(phrase):
        return True
    head = head_noun(phrase)
    return head in ACTOR_HEADS and head not in NON_ACTORS and actor_key(phrase) not in NON_ACTORS


@lru_cache(maxsize=16384)
def subject_actors(sentence: str, gazetteer: Gazetteer) -> tuple[tuple[str, ...], Subject | None]:
    """Return the actor phrases that are the subject of a sentence, and the subject found.

    Cached: summary linking asks again about sentences the actor pass has already read.
    """
    subject = sentence_subject(sentence)
    if subject is None or subject.passive or not subject.text:
        return (), subject
    return tuple(p for p in split_subject(subject.text, gazetteer) if is_actor(p, gazetteer)), subject


def lead_in_actors(lead_in: str, gazetteer: Gazetteer) -> tuple[list[str], str]:
    """Return the actors a lead-in makes responsible, and its modal.

    "To improve ..., the WHO should:" -> (["the WHO"], "should"); "the policies ... should:" -> ([], "").
    """
    text = lead_in.strip().rstrip(":;").strip()
    actors, subject = subject_actors(text, gazetteer)
    return list(actors), subject.modal if subject and actors else ""


def label_countries(text: str) -> tuple[list[str], str]:
    """Return the country names of a "Mongolia, Jordan and Samoa: do X" label, and the text after it."""
    match = _LABEL_RE.match(text)
    if not match:
        return [], text
    names = [n.strip() for n in _LIST_SPLIT_RE.split(match.group(1)) if n.strip()]
    if names and all(country_code(n) for n in names):
        return names, match.group(2)
    return [], text


def recommendation_actors(text: str, gazetteer: Gazetteer, addressees: list[str],
                          mentions: list[Mention] | None = None) -> tuple[ActorMention, ...]:
    """Return the actors of one recommendation: leads, supports named inside, else the addressees.

    A known actor named outside the subjects supports, unless it only names a place ("throughout the
    region", "to the United States") or a thing ("the WHO code of practice", "the MUSP agenda").
    ``mentions`` is ``gazetteer.scan(text)`` when the caller has it already.
    """
    leads: list[str] = []
    excluded: list[tuple[int, int]] = []
    support: list[str] = []
    countries, _ = label_countries(text)
    leads.extend(countries)
    offset = 0
    for line in text.split("\n"):
        for sentence in split_sentences(line):
            sentence_start = offset + line.find(sentence)
            actors, subject = subject_actors(sentence, gazetteer)
            leads.extend(actors)
            if subject is not None and subject.text:
                excluded.append((sentence_start + subject.start, sentence_start + subject.end))
        offset += len(line) + 1
    for mention in mentions if mentions is not None else gazetteer.scan(text):
        inside_subject = any(start <= mention.start < end for start, end in excluded)
        if inside_subject or country_code(mention.surface) or _ATTRIBUTIVE_RE.match(text[mention.end:]):
            continue
        if _PLACE_BEFORE_RE.search(text[max(0, mention.start - 20): mention.start]):
            continue
        support.append(mention.surface)
    found = [ActorMention(name, "lead") for name in leads]
    if not leads:
        found.extend(ActorMention(name, "addressee") for name in addressees)
    found.extend(ActorMention(name, "support") for name in support)
    return _dedupe(found, gazetteer)


def _dedupe(mentions: list[ActorMention], gazetteer: Gazetteer) -> tuple[ActorMention, ...]:
    """Return mentions with each actor once, keeping its first (strongest) role."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        entry = gazetteer.resolve(mention.name)
        key = f"entry:{entry.name}" if entry else f"key:{actor_key(mention.name)}"
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return tuple(kept)
