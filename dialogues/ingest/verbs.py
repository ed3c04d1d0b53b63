"""Is a word a verb, and in which form? English inflection from lemminflect's lexicon (no model).

Used to tell an imperative ("Establish a fund ...") from a title ("Water Governance") or a noun
phrase, an operative paragraph ("Calls upon Member States ...") from a preambular one
("Recalling ...").
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache, lru_cache
from pathlib import Path

from .text import word_set

TABLE = Path(__file__).with_name("verbs.json")

# Verbs an operative paragraph of an outcome document opens with (third person: "Urges ...").
DIRECTIVE_LEMMAS = word_set(
    """call urge encourage request invite recommend decide agree commit resolve direct instruct task mandate
    appeal ask propose endorse adopt establish launch support undertake pledge reaffirm"""
)
_NOT_IMPERATIVE = word_set(
    """please thank welcome note recall recognise recognize acknowledge express consider noting
    according regarding there here overall based due given see find learn visit read click contact watch
    download subscribe register email while over under after before since once upon further even still more most
    best well last first next"""
)


@cache
def _table() -> tuple[frozenset[str], frozenset[str], dict[str, str], frozenset[str]]:
    """Return the English verb forms (base, past, third person -> lemma, -ing) from ``verbs.json``.

    The table is lemminflect's lexicon, written out once (``python -m dialogues.ingest.verbs``):
    reading lemminflect's own files takes a second, this takes a few milliseconds.
    """
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    return frozenset(data["base"]), frozenset(data["past"]), data["third"], frozenset(data["gerund"])


@lru_cache(maxsize=8192)
def verb_lemmas(word: str) -> tuple[str, ...]:
    """Return the verb lemmas a lower-case word can be a form of (empty when it is never a verb)."""
    base, past, third, gerund = _table()
    found = []
    if word in base or (word.endswith(("ise", "ize", "ify")) and len(word) > 5):
        found.append(word)
    if word in third:
        found.append(third[word])
    if word in past or word in gerund:
        found.append("")  # a form of some verb; callers only ask whether it is one
    return tuple(found)


def is_base_verb(word: str) -> bool:
    """Return True when a word can be the base form of a verb ("establish", "harmonise")."""
    word = word.lower()
    return word in verb_lemmas(word)


def is_imperative_start(text: str) -> bool:
    """Return True when a sentence opens with a verb in the imperative ("Deploy the 600 midwives ...")."""
    words = text.replace("’", "'").split()
    if len(words) < 3:
        return False
    first = words[0].strip("\"“(*,;:").lower()
    if not words[0][:1].isupper() or first in _NOT_IMPERATIVE or not is_base_verb(first):
        return False
    if words[0].endswith(",") and re.search(r"(?:wise|ly|ever|theless|fore|more|over|while|stead|thus|hence|also)$",
                                            first):
        return False  # "Likewise, pending ...": a connective before its clause, not a verb
    if first == "take" and words[1].lower() in ("note", "notes", "stock"):
        return False  # "Take note of ...": a courtesy, not an instruction
    # A title in Title Case ("Water Governance and Dam Safety") is not an instruction.
    following = [w.strip("()[],;:") for w in words[1:6]]
    capitalised = sum(1 for w in following if w[:1].isupper())
    small = sum(1 for w in following if w.lower() in ("and", "of", "for", "the", "in", "on", "to", "&", ""))
    if capitalised + small == len(following) and capitalised >= 2:
        return False
    if not any(w.isalpha() and w.islower() for w in following[:4]):
        return False  # "Quarter 2 / 2025", "Plan International (2);": a title or a name, not an instruction
    if re.fullmatch(r"[A-Z]|[IVX]{1,4}|\d{1,2}[a-z]?", words[1].strip(".,:;")):
        return False  # "Target A  At least 75 per cent ...", "Action 3 ...": a label, not an instruction
    second = words[1].lower().strip(",")
    if second.isdigit() and len(words) > 2 and (words[2] in ("–", "—", "-", ":", ".") or any(
            is_past_form(w.lower()) or w.lower() in _table()[2] for w in words[2:4])):
        return False  # "Group 1 – Dog vaccination", "Group 1 proposed ...": a numbered name, not an instruction
    if second in ("and", "or") and len(words) > 3 and is_base_verb(words[2].lower().strip(",")) and \
            words[3].lower() in _OBJECT_START:
        return True  # "Establish and enforce the use of ...", not "Care and support services"
    if second in ("is", "are", "was", "were", "has", "have", "of", "and", "or"):
        return False
    # "Experience presented from outside ..." is a noun with its participle; "Establish standardised
    # mechanisms" an instruction with an adjective.
    third = words[2].lower().strip(",;:") if len(words) > 2 else ""
    return not (is_past_form(second) and third in _PARTICIPLE_FOLLOWERS)


def directive_lemma(word: str) -> str:
    """Return the directive lemma of an operative paragraph's first word ("Urges" -> "urge"), or ""."""
    word = word.lower().strip(",.;:")
    if not word.endswith("s"):
        return ""
    lemma = _table()[2].get(word, "")
    return lemma if lemma in DIRECTIVE_LEMMAS else ""


def third_person_forms() -> dict[str, str]:
    """Return the third-person present forms of verbs, each with its lemma ("urges" -> "urge")."""
    return _table()[2]


def is_past_form(word: str) -> bool:
    """Return True for a past-tense verb form ("adopted", "held", "found")."""
    word = word.lower()
    return word in _table()[1] and word not in _table()[0]


_PARTICIPLE_FOLLOWERS = word_set("from by in at to for with on during since that the a an as into under over")
_AUXILIARIES = word_set("is are was were has have had did does could would might")
_OBJECT_START = word_set("the a an its their this these those his her our no all some several every each many to")


def reads_as_statement(text: str) -> bool:
    """Return True when a passage states a fact rather than asks for an action: an auxiliary, or a
    past-tense verb with its object, right after a subject ("The Consultation adopted the ...")."""
    words = [w.strip(",;:()\"“”") for w in text.split()[:14]]
    third = _table()[2]
    imperative = bool(words) and is_base_verb(words[0].lower()) and words[0][:1].isupper()
    # "Table 1 shows ...", "Figure 3 presents ...", "UNICEF supports ...": a third-person verb after a
    # numbered name or an acronym.
    if len(words) > 2 and words[1][:1].isdigit() and words[2] in third and words[0][:1].isupper():
        return True
    if len(words) > 1 and words[0].isupper() and len(words[0]) > 1 and words[1] in third:
        return True
    for index, word in enumerate(words[1:], start=1):
        lowered = word.lower()
        if lowered in ("that", "which", "who", "where", "when", "to", "whose"):
            return False
        if imperative and lowered in ("how", "what", "whether", "why", "if"):
            return False  # "Publish how pay is calculated": the verb after "how" is the object's
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if lowered in _AUXILIARIES:
            return True
        if is_past_form(lowered) and following[:1].isdigit() and index > 1:
            return True  # "Winter PM2.5 in the ger districts averaged 148 micrograms ..."
        if is_past_form(lowered) and following in _OBJECT_START and not imperative:
            # "The Consultation adopted the ...", "The Government offered to host ..."; in "Raise the
            # share ... allocated to health" the participle only describes the object.
            return True
    return False


def build_table() -> dict:
    """Return the verb table from lemminflect's lexicon (a development dependency)."""
    from lemminflect.core.Inflections import Inflections

    base, past, gerund, third = set(), set(), set(), {}
    for lemma, tags in Inflections()._getInflDict().items():
        if "VB" not in tags or not (lemma.isalpha() and lemma.islower()):
            continue
        base.update(f for f in (*tags.get("VB", ()), *tags.get("VBP", ())) if f.islower())
        past.update(f for f in tags.get("VBD", ()) if f.islower())
        gerund.update(f for f in tags.get("VBG", ()) if f.islower())
        for form in tags.get("VBZ", ()):
            if form.islower():
                third.setdefault(form, lemma)
    return {"base": sorted(base), "past": sorted(past), "gerund": sorted(gerund), "third": dict(sorted(third.items()))}


if __name__ == "__main__":
    TABLE.write_text(json.dumps(build_table(), separators=(",", ":")) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE}\n")
