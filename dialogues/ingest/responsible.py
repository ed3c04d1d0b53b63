"""Who is to act, from an open vocabulary: any noun phrase that can act, whatever its head noun.

Where the responsible actors of an item come from, strongest first:

* an owner the text names outright: "Lead: A; Support: B", "Responsible: A", a trailing
  "(A, B)" or "— A", a table's lead-agency column (``lead`` then ``support``);
* the subject of the item's modal or commitment sentences ("Dam operators should ...", "WHO and
  the OECD should ...", "Civil society — international NGOs, local NGOs — should ..."): every
  member of a coordinated subject and of an aside; a passive sentence has no actor;
* organisations named inside the text (the gazetteer's, Title Case names with an organisation's
  head word such as "Vietnam Academy for Water Resources", acronyms such as "OECD") - ``support``;
* else whoever a lead-in or heading makes responsible, else the sidecar's default (``addressee``).

A phrase is not an actor when it is a pronoun, an abstract or inanimate noun (policies, data,
funding, implementation ...), a place ("the region", "the international community"), or a
fragment that starts with a verb. A country is an actor only as a subject or as "the Government
of X"; countries merely named (or listed as a label, "Mongolia, Jordan: ...") are the item's
countries, not its actors. Unknown names are kept as written: the gazetteer only normalises.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .countries import country_code, country_codes, country_name, find_countries
from .gazetteer import Gazetteer, actor_key, singular
from .records import ActorMention
from .text import split_sentences, word_set
from .verbs import (
    directive_lemma,
    is_base_verb,
    is_imperative_start,
    is_past_form,
    third_person_forms,
    verb_lemmas,
)

# Modal and commitment verbs that make a sentence an action, with the kind they give.
_ACTION_VERB_RE = re.compile(
    r"\b(?P<verb>should|must|shall|will|need(?:s)? to|ought to|ha(?:s|ve) to|"
    r"(?:is|are) (?:(?:strongly|also|further) )?(?:encouraged|urged|invited|requested|called upon|"
    r"asked|advised)(?:,[^,;.]{3,120},)? to|"
    r"(?:was|were) (?:(?:strongly|also|further) )?(?:encouraged|urged|invited|called upon) to|"
    r"commit(?:s|ted)? (?:itself |themselves )?to|agreed to|agree to|pledged? to|"
    r"undert(?:ake|akes|ook) to|resolved? to|decided? to|recommend(?:s|ed)? that)\b",
    re.IGNORECASE,
)
_WEAK_MODAL_RE = re.compile(r"\b(?P<verb>can|could|may)\b")  # "the CDC can work with ...": a subject all the same
COMMITMENT_VERBS = re.compile(r"^(?:will|shall|commit|agreed|agree|pledge|undert|resolve|decide)", re.IGNORECASE)
# A dash aside: an em dash, or an en dash with a space beside it ("Murray–Darling" is one name).
_ASIDE_RE = re.compile(r"(?:\s?—|\s–|–\s)\s*([^—–\d][^—–]*?)\s*(?:—\s?|\s–|–\s|$)|\s--\s*([^-]+?)\s*--\s|\(([^)]*)\)")
_LEADING_RE = re.compile(
    r"^(?:(?:and|but|so|also|then|hence|therefore|thus|moreover|furthermore|additionally|finally|lastly|"
    r"however|similarly|likewise|in addition|in particular|importantly|ultimately|first|second|third|"
    r"meanwhile|instead|accordingly|in turn),?\s+)+",
    re.IGNORECASE,
)
_INTRO_RE = re.compile(
    r"^(?:to|through|where|in|by|with|for|if|when|as|under|based on|given|after|before|while|although|"
    r"since|once|within|beyond|following|building on|along with|at|on|during|over|from|via|because|"
    r"unless|until|despite|beginning|starting|from now|going forward|in the|at the|upon|after|thereafter|"
    r"together with|alongside|in cooperation with|in partnership with|with the support of)\b",
    re.IGNORECASE,
)
_RELATIVE_RE = re.compile(r"\s+(?:that|which|who|whose|whom|where)\s+.*$", re.IGNORECASE)
_EXEMPLAR_RE = re.compile(r"\s*,?\s+(?:like|such as|including|e\.g\.,?|especially|particularly|notably|namely)\s+",
                          re.IGNORECASE)
_QUANTIFIER_RE = re.compile(
    r"^(?:(?:all|other|relevant|respective|their|its|our|both|each|any|some|these|those|various|key|"
    r"concerned|individual|participating|every|several|many|most|the)\s+)+",
    re.IGNORECASE,
)
_TRAILING_PLACE_RE = re.compile(
    r"\s+(?:in|at|across|within|throughout|from|among|of the region|of the sub-?region)\b(?:\s+(?:each|all|the|"
    r"their|its|this|these|every|both|our|member|respective|[A-Z]|origin|destination|transit))[\w\s\-.,’']*$"
)
_OWNER_LABEL_RE = re.compile(
    r"(?P<label>\b(?:[Oo0]wners?|lead(?:\s+(?:agency|agencies|ministry|partner|actor|institution|responsibility|by))?|"
    r"responsible(?:\s+(?:agency|agencies|party|parties|body|bodies|actors?|institutions?))?|responsibility|"
    r"owners?|by whom|who|implementing (?:agency|agencies|partners?)|support(?:ed by|ing)?|"
    r"partners?|with|co-lead|in collaboration with)\b)\s*[:=]\s*(?P<names>(?:(?!\s[–—-]\s|\s\(|\b(?:due|deadline|by|"
    r"timeline|when|date|status|budget|cost)\s*:)[^;.\n])+)",
    re.IGNORECASE,
)
_TRAILING_PAREN_RE = re.compile(r"[(\[]([^()\[\]]{2,160})[)\]]\s*[.;,]?\s*$")  # "(MoH, WHO)", "[Ministry of Health]"
_TRAILING_DASH_RE = re.compile(r"\s[—–-]{1,2}\s*([^—–]{2,160}?)\s*[.;]?\s*$")
# "Universities, together with the research institutes, to train ...": where a subject's partners begin.
_PARTNER_CUE_RE = re.compile(r",?\s+(?:together with|jointly with|in (?:cooperation|partnership|collaboration|"
                             r"consultation) with|supported by|with the support of)\s+")
# "Working with national institutes, bring ...", "Through their associations, pool ...": a partner phrase
# before an instruction.
_PARTNER_PREFIX_RE = re.compile(r"^(?:(?:Working|Together|Jointly|In (?:cooperation|partnership|collaboration|"
                                r"consultation))\s+with|Through (?:their|the|its|our))\s+[^,;.]{3,160},\s+(?=[a-z])")


def lead_and_partners(subject: str) -> tuple[str, str]:
    """Return a subject's lead and the partners named after a cue ("A, together with B" -> ("A", "B"))."""
    pieces = _PARTNER_CUE_RE.split(subject, maxsplit=1)
    return pieces[0].strip(" ,"), pieces[1].strip(" ,") if len(pieces) > 1 else ""


def without_partner_prefix(text: str) -> str:
    """Return an instruction without the partner phrase before it, its first word capitalised again."""
    partnered = _PARTNER_PREFIX_RE.match(text)
    if not partnered:
        return text
    rest = text[partnered.end():]
    return rest[:1].upper() + rest[1:]


def task_follows(text: str) -> bool:
    """Return True when a text opens with an instruction, after a partner phrase if any ("Together with the
    district offices, issue identity cards ...")."""
    return is_imperative_start(without_partner_prefix(text))


LEADING_OWNER_RE = re.compile(r"^(?:\d{1,2}[.)]\s+)?(?P<owner>[A-Z][^—–:;.]{1,80}?)\s+[—–]\s+(?P<verb>[A-Z][a-z]+)\b")
_DATE_LIKE_RE = re.compile(
    r"^(?:by |from |in |before |until |q[1-4]|h[12]\b|\d{4}|ongoing|continuous|immediate|short|medium|long|"
    r"(?:first|second|next|each|every)\s+(?:report|year|quarter|month|session|round)|annual|yearly|quarterly|monthly|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|end|mid|early|late|"
    r"\d+\s*(?:months?|years?|weeks?)|see |e\.g|i\.e|para|page|annex|table|figure|%|per cent|usd|\$)",
    re.IGNORECASE,
)
_ACRONYM_RE = re.compile(r"(?<![\w-])(?:[A-Z][A-Za-z]?){0,1}[A-Z]{2,7}s?(?![\w-])")
_ORG_HEADS = (
    "Academy|Agency|Agencies|Alliance|Assembly|Association|Authority|Authorities|Bank|Board|Bureau|Centre|Center|"
    "Chamber|Coalition|Commission|Committee|Confederation|Consortium|Corporation|Council|Court|Department|"
    "Directorate|Federation|Forum|Foundation|Fund|Government|Inspectorate|Institute|Institution|Ministry|"
    "Ministries|Network|Office|Organisation|Organization|Parliament|Partnership|Platform|Programme|Program|"
    "Secretariat|Service|Society|Union|University|Universities|Observatory|Facility|Commissioner|Registry"
)
_TITLE_WORD = r"[A-Z](?![A-Z]+\b)[\w’'.\-]*"  # a capitalised word, not an acronym
_ORG_NAME_RE = re.compile(
    rf"(?:(?<=\s)|^|(?<=\())(?:(?:[A-Z][\w’'&\-–]*|[A-Z][\w.]{{0,3}}\.)\s+){{0,6}}(?:{_ORG_HEADS})"
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_TITLE_WORD}(?:(?:\s+|,\s+|\s+and\s+){_TITLE_WORD}){{0,5}})?"
)
# After an organisation's name, a lower-case noun means the name is only a modifier ("Fund coverage").
_ALLOWED_AFTER = word_set(
    """and or should will must shall can could may might would to in on for with of at by has have had is are
    was were through as from that which who under into across within alongside together jointly also now
    then be been being not its their itself themselves agreed committed pledged """
)
_PLACE_BEFORE_RE = re.compile(r"\b(?:in|across|throughout|within|to|from|among|around|into|of)\s+(?:the\s+)?$",
                              re.IGNORECASE)

ACTOR_HEADS = word_set(
    """ministry minister government agency donor partner organization organisation institution university ngo
    cso company actor legislator lawmaker teacher lecturer administrator researcher instructor bureau body
    council committee secretariat alliance network country state trainer employer union authority regulator
    office unit center centre department policymaker maker stakeholder association federation bank fund
    academic practitioner provider member parliament assembly commission embassy community institute
    foundation coalition platform hub consortium cluster group team forum operator cooperative province
    district municipality city village inspectorate inspector worker farmer fisher owner manager leader
    business enterprise firm industry sector employer buyer supplier producer investor lender insurer
    service school college hospital clinic facility court police army military agencies official officer
    staff professional expert scientist journalist media society parent household family youth women
    planner designer engineer developer utility board directorate observatory program programme project
    initiative mission delegation chamber confederation commune prefecture county region academy airline carrier
    observatory commissioner registry corporation court tribunal ombudsman chamber force taskforce coordinator
    facilitator volunteer supervisor laboratory"""
)
NON_ACTOR_HEADS = word_set(
    """it this that there they we you these those which who he she one such policy agreement list data
    analysis approach system process curriculum work effort measure strategy plan framework law regulation
    alignment emphasis investment issue challenge need gap result outcome output activity action step
    priority recommendation study research report mechanism technology document production information
    fund funding budget resource finance financing money cost fee tax price wage salary standard target
    goal indicator rule guideline guidance procedure reform change approach model tool platform website
    database portal app application campaign programme program project initiative meeting dialogue
    consultation conference workshop event session review evaluation assessment survey census audit
    exercise system network infrastructure service access coverage quality capacity support attention
    focus priority cooperation collaboration coordination partnership dialogue region world globe
    everyone everybody all participant delegate speaker panellist panelist attendee we us our"""
)
_ABSTRACT_SUFFIXES = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ship", "ing", "ure", "age",
                      "acy", "ics", "ogy")
_ORG_WORDS = word_set("organisation organization institution association federation foundation coalition commission "
                      "corporation administration union confederation delegation")
_PLACES = word_set("region world globe sub-region subregion continent international community")
_PRONOUN_START = word_set("it this that these those they we you he she there which what who one such each your my our "
                          "his her")
_FINITE_IN_SUBJECT_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|been|will|would|should|can|could|must|"
                                   r"may|might|did|does)\b", re.IGNORECASE)
_GERUND_OBJECT = word_set("a an the their its of and to in on for with our this these those more better new")
_POSTPOSITIVE = word_set("responsible concerned involved present active working engaged interested alike")
_FRAGMENT_SECOND = word_set("with the a an to how what whether their its our for on in at by from up out")
_BAD_START = word_set("a an to of for in on at by with from as if when while where because and or but not no through "
                      "via")


@lru_cache(maxsize=16384)
def action_verb(sentence: str) -> re.Match[str] | None:
    """Return the first modal or commitment verb of a sentence outside brackets and dash asides."""
    masked = _ASIDE_RE.sub(lambda m: " " * len(m.group(0)), f" {sentence} ")[1:-1]
    return _ACTION_VERB_RE.search(masked)


def subject_text(sentence: str, verb: re.Match[str]) -> str:
    """Return the subject before a verb, without connectives or an introductory clause."""
    text = re.sub(r"^\s*(?:[AQ]|Answer|Question)\s*:\s*", "", sentence[: verb.start()])
    if re.search(r"\bthat\s", text):
        text = re.split(r"\bthat\s", text)[-1]  # "it is hoped that the Ministry will ..."
    # "..., swimming does help, and the Ministry should ...": the subject of the last clause
    clauses = re.split(r",\s+(?:and|but|while|whereas|so)\s+|;\s+", text)
    if len(clauses) > 1 and re.search(r"\b(?:is|are|was|were|does|do|did|has|have|had|can|cannot|will)\b",
                                      " ".join(clauses[:-1])):
        text = clauses[-1]  # not "Private sector actors, tech companies, and donors": a list, not clauses
    text = _LEADING_RE.sub("", text.strip())
    while _INTRO_RE.match(text) and "," in text:
        text = _LEADING_RE.sub("", text[text.index(",") + 1:].strip())
    if _INTRO_RE.match(text):
        return ""
    return text.strip(" ,;:\"“”'")


def is_passive(sentence: str, verb: re.Match[str]) -> bool:
    """Return True when the verb is followed by "be" + participle ("should be reviewed")."""
    after = re.match(r"\s*(?:not\s+)?(?:\w+ly\s+)?be\s+(\w+)", sentence[verb.end():])
    return bool(after) and (after.group(1).endswith(("ed", "en")) or after.group(1) in _IRREGULAR)


_IRREGULAR = word_set("made done built set held given taken shown known drawn seen put kept led paid run sent spent "
                      "taught understood undertaken written met brought bought chosen driven found thought won")


# Splitting a coordinated list ("A, B and C", "A/B"), and what a list item sheds (quantifiers, a place).
_LIST_ITEM_SPLIT_RE = re.compile(r"\s*,\s*(?:and|or|as well as)\s+|\s*,\s*|\s+(?:and|or|as well as)\s+|\s*[/&]\s*")
_LIST_QUANTIFIER_RE = re.compile(
    r"^(?:(?:all|other|relevant|respective|their|its|our|both|each|any|some|these|those|various|key|"
    r"concerned|individual|participating)\s+)+",
    re.IGNORECASE,
)
_LIST_PLACE_RE = re.compile(
    r"\s+(?:in|at|across|within|throughout|from|among)\s+(?:each|all|the|their|its|this|these|every|"
    r"both|our|member|respective|[A-Z])[\w\s\-.,]*$"
)


def split_list(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the items of a coordinated list, keeping known names that contain "and" whole, and
    names with a slash between two words ("Heads of Power Utilities/Authorities")."""
    text = re.sub(r"(?<=[a-z])/(?=[A-Z][a-z])", "\x04", text)
    return [item.replace("\x04", "/") for item in _split_list(text, gazetteer)]


def _split_list(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the items of a coordinated list (slashes inside names already protected)."""
    mentions = gazetteer.scan(text)
    protected, names = text, []
    for index, mention in reversed(list(enumerate(mentions))):
        protected = f"{protected[: mention.start]}\x00{index}\x00{protected[mention.end:]}"
        names.append(mention.surface)
    names.reverse()
    items = []
    for raw in _LIST_ITEM_SPLIT_RE.split(protected):
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
    """Return list items without quantifiers ("other") or a trailing place ("in each member country")."""
    cleaned = []
    for item in items:
        the = item[:4].lower() == "the "
        body = item[4:] if the else item
        body = _LIST_QUANTIFIER_RE.sub("", body)
        body = _LIST_PLACE_RE.sub("", body).strip(" ,.;:")
        if body:
            cleaned.append(f"{item[:4]}{body}" if the else body)
    return cleaned


# "Departments of livestock and veterinary services", "ministries of health and finance": one body each.
_LOWER_ORG_AND_RE = re.compile(
    r"\b(?:[Dd]epartments?|[Mm]inistr(?:y|ies)|[Oo]ffices?|[Dd]irectorates?|[Bb]ureaus?|[Aa]uthorit(?:y|ies)|"
    r"[Ii]nstitutes?|[Cc]ommittees?|[Cc]ouncils?)\s+(?:for|of)\s+[a-z][\w\-]*(?:\s+[a-z][\w\-]*)?\s+and\s+"
    r"(?!(?:other|the|all|their|national|relevant|ministr|department|office|bureau|authorit|institut|committee|council|"
    r"agenc|organi[sz]ation|bod(?:y|ies))\w*\b)[a-z][\w\-]*(?:\s+(?!and\b|or\b)[a-z][\w\-]*)?"
)


def split_names(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the names a coordinated list holds, keeping "Ministry of Economy and Finance" whole."""
    names: list[str] = []

    def protect(match: re.Match[str]) -> str:
        if " and " not in match.group(0) and ", " not in match.group(0):
            return match.group(0)
        names.append(match.group(0))
        return f"\x01{len(names) - 1}\x01"

    protected = _ORG_NAME_RE.sub(protect, text)
    protected = _LOWER_ORG_AND_RE.sub(protect, protected)
    parts = [p for chunk in protected.split(";") for p in split_list(chunk, gazetteer)]
    parts = [re.sub(r"\x01(\d+)\x01", lambda m: names[int(m.group(1))], part) for part in parts]
    return _merge_name_halves(parts, text, gazetteer)


def _merge_name_halves(parts: list[str], text: str, gazetteer: Gazetteer) -> list[str]:
    """Return names with a lone capitalised word put back before the body it belongs to:
    "Medicines and Medical Devices Regulatory Agency" is one agency, "UNICEF and WHO" two; and
    "national meteorological and hydrological services", whose two adjectives share one head."""
    merged: list[str] = []
    flat = " ".join(text.split())
    for part in parts:
        previous = merged[-1] if merged else ""
        adjective = previous.split()[-1] if previous else ""
        if previous and adjective.islower() and re.search(r"(?:al|ic|ary|ive|ous)$", adjective) and \
                f"{previous} and {part}" in text and head_noun(part) in ACTOR_HEADS and \
                head_noun(previous) not in ACTOR_HEADS:
            merged[-1] = f"{previous} and {part}"
            continue
        # "Medicines", "National Cyber", "Lao National Agriculture": capitalised words that name no body.
        bare = previous[4:] if previous.lower().startswith("the ") else previous
        bare = re.sub(r"^(?:national|regional|local|provincial|district|municipal)\s+(?=[A-Z])", "", bare)
        lone = 0 < len(bare.split()) <= 4 and all(w[:1].isupper() for w in bare.split()) and \
            not _is_acronym(bare) and not country_code(bare) and gazetteer.resolve(bare) is None and \
            head_noun(bare) not in ACTOR_HEADS and not re.search(rf"\b(?:{_ORG_HEADS})\b", bare)
        if lone and f"{previous} and {part}" in flat and part[:1].isupper() and (
                head_noun(part) in _BODY_HEADS or re.search(rf"\b(?:{_ORG_HEADS})\b", part)):
            merged[-1] = f"{previous} and {part}"
        else:
            merged.append(part)
    return merged


def cell_names(cell: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Return (leads, supports) a table's owner cell names ("ASEAN Secretariat, with support from the ILO")."""
    support = re.search(r",?\s*(?:with (?:the )?(?:support|help|assistance) (?:of|from)|supported by|"
                        r"in (?:collaboration|cooperation|partnership) with|with(?!\s+(?:support|help|assistance)\b))"
                        r"\s+(.*)$", cell, re.IGNORECASE)
    leads_text = cell[: support.start()] if support else cell
    leads: list[str] = []
    supports = [clean_name(n) for n in split_names(support.group(1), gazetteer)] if support else []
    for name in split_names(leads_text, gazetteer):
        if re.fullmatch(r"[a-z]+ly", name.strip()):
            continue  # "UN-Habitat jointly": how they act, not who
        marked = re.search(r"\s*\((lead|support|supporting|partner|co-?lead)\)\s*$", name, re.IGNORECASE)
        name = clean_name(name[: marked.start()] if marked else name)
        if not name or _UNASSIGNED_RE.match(name):
            continue
        (supports if marked and marked.group(1).lower().startswith(("support", "partner")) else leads).append(name)
    return leads, [n for n in supports if n and not _UNASSIGNED_RE.match(n)]


_UNASSIGNED_RE = re.compile(r"^(?:-+|–|—|n/?a|tbd|tbc|to be (?:confirmed|determined|decided|agreed)|none|all|"
                            r"open|unassigned|not (?:yet )?(?:agreed|decided|assigned|known)|owner to be \w+|\?)$",
                            re.IGNORECASE)


_NOTED_AND_RE = re.compile(
    r"^(?P<who>(?:The\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})\s+(?:noted|welcomed|took note of|recalled)\b"
    r"[^;]*?,?\s+and\s+(?:also\s+|further\s+)?(?P<rest>(?:encouraged|requested|invited|urged|called (?:on|upon)|"
    r"asked|recommended that)\b.*)$", re.DOTALL)


def without_noting(text: str) -> str:
    """Return "The Meeting encouraged the Centre to ..." for "The Meeting noted the work of the Centre and
    encouraged the Centre to ...": what it noted is background, what it encouraged the ask."""
    if "noted" not in text and "welcomed" not in text and "took note" not in text and "recalled" not in text:
        return text
    match = _NOTED_AND_RE.match(" ".join(text.split()))
    return f"{match.group('who')} {match.group('rest')}" if match else text


def directive_object(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return whom an operative paragraph addresses ("Calls upon Member States to ..." -> Member States)."""
    match = re.match(r"^(?:Also\s+|Further\s+|Strongly\s+|Once again\s+)?([A-Z][a-z]+)\s+(?:also\s+|further\s+)?"
                     r"(?:upon\s+|on\s+)?(?P<object>.+?)(?:\s*,?\s+to\b\s*(?:[a-z]|:|$)|\s*:|$)", text.strip())
    after = re.match(r",?\s+to\b\s*(?P<next>:|$|[a-z]+)", text.strip()[match.end("object"):]) if match else None
    base_form = bool(match) and match.group(1).lower() in _ADDRESSING and bool(after) and (
        after.group("next") in (":", "") or is_base_verb(after.group("next"))) and \
        len(match.group("object").split()) <= 12
    if match and (directive_lemma(match.group(1)) or base_form):
        # A base form ("Call upon", "Encourage", "Request") counts only with its "X to ..." -
        # "Encourage dialogue between countries" is an instruction, not someone addressed.
        # "Calls upon Member States to ...", and a declaration's "Request the Pacific Community (SPC),
        # supported by the Global Shelter Cluster, to:" (the supporter is a partner, named apart).
        pieces = re.split(r",?\s+(?:supported by|together with|in cooperation with|with the support of|including|"
                          r"in particular|especially)\s+", match.group("object"))
        return [name for piece in pieces for name in subject_actors(piece.strip(" ,"), gazetteer)]
    spoken = _WE_DIRECTIVE_RE.match(text.strip()) or _BODY_DIRECTIVE_RE.match(text.strip())
    if spoken:
        pieces = re.split(r",?\s+(?:supported by|together with|in cooperation with|with the support of|including|"
                          r"in particular|especially)\s+", spoken.group("object"))
        return [name for piece in pieces for name in subject_actors(piece.strip(" ,"), gazetteer)]
    return []


# "The Committee requested the secretariat to ...", "It invited development partners to:": a body's
# record of whom it addressed.
_BODY_DIRECTIVE_RE = re.compile(
    r"^(?:(?:The|It|the)\s+)?(?:[A-Z][\w’'\-]*\s+){0,6}?(?:also\s+|further\s+)?(?P<verb>requested|urged|invited|"
    r"encouraged|called (?:on|upon)|asked|tasked|directed|instructed|requests|urges|invites|encourages|"
    r"calls (?:on|upon)|asks|tasks|directs|instructs)\s+(?P<object>.+?)(?:\s*,?\s+to\b\s*(?:[a-z]|:|$)|"
    r"\s*:?\s*$)"
)


# Verbs that address someone ("Call upon governments to:", "Invite development partners to ..."), as
# opposed to directives that act on something ("Establish a fund", "Support capacity building").
_ADDRESSING = word_set("call urge encourage request invite ask task direct instruct mandate appeal entrust")

# "We call on development partners to ...", "We task the Senior Officials to ...": the statement's
# own voice addressing someone.
_WE_DIRECTIVE_RE = re.compile(
    r"^We(?:,[^,]{1,80},)?\s+(?:also\s+|further\s+|strongly\s+)?(?P<verb>call (?:on|upon)|urge|request|invite|"
    r"encourage|task|ask|direct|instruct|mandate|appeal to|entrust)\s+(?P<object>.+?)"
    r"(?:\s*,\s*(?:including|in particular|especially|notably|together with)\b[^,]*?(?=,|\s+to\s+[a-z])|)"
    r"\s*,?\s+to\s+[a-z]"
)


def we_directive(text: str) -> str:
    """Return the verb of a "We call on X to ..." sentence ("call on", "task"), or ""."""
    match = _WE_DIRECTIVE_RE.match(text.strip())
    return match.group("verb").lower() if match else ""


_ADOPTING_BODY_RE = re.compile(
    r"^[ \t]*The ((?:[A-Z][\w’'\-]*|of|on|for|and|the)(?:\s+(?:[A-Z][\w’'\-]*|of|on|for|and|the)){1,10}),[ \t]*$",
    re.MULTILINE,
)


def adopting_body(text: str) -> str:
    """Return the body a resolution speaks for ("The Committee on Social Development," on a line of its
    own before the preambular paragraphs), or ""."""
    match = _ADOPTING_BODY_RE.search(text)
    if match and head_noun(match.group(1)) in ACTOR_HEADS:
        return match.group(1)
    return ""


def signatories(text: str) -> list[str]:
    """Return the governments a statement speaks for: "We, the Ministers ... of Cambodia, Lao PDR and
    Thailand, ..." -> ["Government of Cambodia", ...]; [] when the text has no such opening."""
    match = re.search(r"\bWe,\s+the\s+([^.;]{10,600}?)(?:,\s+(?:met|meeting|gathered|having)\b|,?\s*\n\s*\n|[.;])",
                      text)
    if not match:
        return []
    speakers = " ".join(match.group(1).replace("**", "").split())
    if not re.match(r"(?:Ministers?|Heads?|Leaders?|Representatives?|Delegates?|Participants?|Members?|Governments?|"
                    r"Parties|States)\b", speakers, re.IGNORECASE):
        # "We, the Lower Basin Commission (LBC), ..., and the Upper Basin Authority (UBA)": bodies.
        body_re = rf"(?:[A-Z][\w’'.&\-–]*\s+){{0,6}}(?:{_ORG_HEADS})(?:\s*\([A-Z]{{2,9}}\))?"
        # Each listed body opens a part of the list; "represented by the Chair of its Committee" does not.
        pieces = re.split(r",?\s+and\s+(?:the\s+)?|,\s+(?:the\s+)?", speakers)
        bodies = [m.group(0) for m in (re.match(body_re, piece) for piece in pieces) if m]
        if bodies:
            return bodies
    codes = [code for code, _, _ in find_countries(speakers)]
    if codes:
        return [f"Government of {country_name(code)}" for code in dict.fromkeys(codes)]
    # "We, the participants of the Second Pacific Conference on ...": the participants themselves.
    head = re.match(r"(participants|delegates|members|representatives|ministers|leaders)\b", speakers, re.IGNORECASE)
    return [head.group(1).capitalize()] if head else []


def per_country(name: str) -> list[str]:
    """Return one body per country for "the Ministries of Health of Cambodia, Lao PDR and Viet Nam" or
    "the Governments of Thailand and Viet Nam" (each country's own), else []."""
    flat = " ".join(name.split())
    for pattern in _PER_COUNTRY_RES:
        match = pattern.match(flat)
        if not match:
            continue
        countries = [c.strip() for c in _LIST_ITEM_SPLIT_RE.split(match.group("countries")) if c.strip()]
        if len(countries) >= 2 and all(country_code(c) for c in countries):
            head = singular(match.group("plural"))
            return [f"{head}{match.group('rest') or ''} of {country}" for country in countries]
    return []


# "Ministries of Health of A, B and C" (a body's name, then the countries), "Governments of A and B".
_PER_COUNTRY_RES = (
    re.compile(r"^(?:the\s+)?(?P<plural>[A-Z][a-z]+(?:ies|s))(?P<rest>\s+of\s+[A-Z][\w ]*?)\s+of\s+(?:the\s+)?"
               r"(?P<countries>[A-Z][\w\s,’'\-]+)$", re.IGNORECASE),
    re.compile(r"^(?:the\s+)?(?P<plural>[A-Z][a-z]+(?:ies|s))(?P<rest>)\s+of\s+(?:the\s+)?(?P<countries>[A-Z][\w\s,’'\-]+)$",
               re.IGNORECASE),
)


def subject_actors(subject: str, gazetteer: Gazetteer) -> list[str]:
    """Return the actors a subject names: each member of a coordination and of an aside."""
    subject = _RELATIVE_RE.sub("", subject) if subject else subject
    if not subject or len(subject.split()) > 25 or _FINITE_IN_SUBJECT_RE.search(subject):
        return []
    if countries_each := per_country(subject):
        return countries_each
    first = subject.split()[0]
    words = subject.split()
    if first.lower().endswith("ing") and verb_lemmas(first.lower()) and len(words) > 1 and (
            words[1].lower() in _GERUND_OBJECT or re.search(r"\b(?:across|of|in|for|to|with|on|through)\b|,", subject)):
        return []  # a gerund with its object, not a name: "Establishing a platform for countries"
    parts: list[str] = []
    subject = re.sub(r"\s*\(([A-Z][A-Za-z&]{1,9})\)", "\x02\\1\x03", subject)  # "Pacific Community (SPC)" is one name
    asides = [re.sub(r"^(?:whether|including|such as|e\.g\.,?|notably|especially|in particular|namely)\s+", "",
                     next(g for g in m.groups() if g is not None).strip(), flags=re.IGNORECASE)
              for m in _ASIDE_RE.finditer(f" {subject} ")]
    main = _ASIDE_RE.sub(" ", f" {subject} ").strip()
    for piece in [main, *asides]:
        piece = _RELATIVE_RE.sub("", piece).strip(" ,;:")
        # "Dam operators taking part in the Forum": the participle phrase is not part of the name.
        piece = re.sub(r"(?<=\w)\s+(?:\w+ing|based|present|represented|involved|concerned)\s+(?:in|at|on|from|with|"
                       r"part|to)\b.*$", "", piece)
        for chunk in _EXEMPLAR_RE.split(piece, maxsplit=1):
            parts.extend(distribute(split_names(chunk, gazetteer), gazetteer))
    names = [clean_name(p.replace("\x02", " (").replace("\x03", ")")) for p in parts]
    return [name for name in names if name and is_actor(name, gazetteer, subject=True)]


def distribute(parts: list[str], gazetteer: Gazetteer) -> list[str]:
    """Return conjuncts with a bare modifier given the shared head: "Lao and Cambodian fisheries
    agencies" -> ["Lao fisheries agencies", "Cambodian fisheries agencies"]."""
    if len(parts) < 2 or len(parts[-1].split()) < 2:
        return parts
    tail = " ".join(parts[-1].split()[1:])
    shared = []
    for part in parts[:-1]:
        bare = clean_name(part)
        entry = gazetteer.resolve(bare)
        if country_code(bare) and country_code(parts[-1]):
            shared.append(part)  # "Indonesia and Viet Nam": two countries, no head to share
            continue
        single = len(bare.split()) == 1 and not _is_acronym(bare) and (entry is None or entry.kind == "government") \
            and (head_noun(bare) not in ACTOR_HEADS or bare.islower()) and not (bare.endswith("s") and len(bare) > 4)
        shared.append(f"{bare} {tail}" if single else part)
    return [*shared, parts[-1]]


def clean_name(phrase: str) -> str:
    """Return an actor phrase without quantifiers, a trailing place or punctuation ("other relevant ministries")."""
    phrase = " ".join(phrase.split()).strip(" ,.;:\"“”'")
    if not re.search(r"\([^()]*\)$", phrase):
        phrase = phrase.strip("()")  # a stray bracket, not "Pacific Community (SPC)"
    body = _QUANTIFIER_RE.sub("", phrase)
    body = _TRAILING_PLACE_RE.sub("", body).strip(" ,.;:")
    body = re.sub(r"\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:countries|states|member states|provinces|parties)$", "", body)
    if body[:1].islower():
        # "cluster coordinators of the basic education school clusters": the qualifier says where
        body = re.sub(r"^(.+?\b\w+s)\s+of\s+the\s+.+$", lambda m: m.group(1) if head_noun(m.group(1)) in ACTOR_HEADS
                      else m.group(0), body)
    place = re.search(r"\s+(?:in|at|across|within|throughout|from)\s+(?!charge\b)(?!(?:the\s+)?(?:countries|states|"
                      r"provinces) of (?:origin|destination|transit)\b)", body)
    if place and head_noun(body[: place.start()]) in ACTOR_HEADS and len(body[: place.start()].split()) >= 2:
        body = body[: place.start()]  # "Local governments in districts of origin"
    body = re.sub(r"\s+(?:(?:in|by|for|during|from)\s+\d{4}\b.*|on (?:both|each|either|all) sides?\b.*|"
                  r"of both countries)$", "", body).strip(" ,.;:")
    if phrase.lower().startswith("the ") and body and not body.lower().startswith("the "):
        return body
    return body


def is_actor(phrase: str, gazetteer: Gazetteer, subject: bool = False) -> bool:
    """Return True when a phrase names someone who can act.

    As the subject of an active modal verb almost any noun phrase can ("Dam operators",
    "Coastal provinces"); elsewhere a phrase must be known, an acronym, or have an actor's head.
    """
    words = phrase.split()
    if not words or len(words) > 12 or any(ch.isdigit() for ch in phrase[:2]):
        return False
    first = words[0].lower()
    if (first in _PRONOUN_START and not words[0].isupper()) or first in _BAD_START:
        return False
    key = actor_key(phrase)
    if key in _PLACES or key in ("international community", "region", "world") or key.endswith((" region", " world")):
        return False
    if gazetteer.resolve(phrase) is not None:
        return True
    if country_code(phrase):
        return subject
    if len(words) == 1 and (first.endswith("ly") or verb_lemmas(first)) and head_noun(phrase) not in ACTOR_HEADS and \
            not phrase.isupper() and not gazetteer.resolve(phrase):
        return False  # "Crucially", "Continue"
    if _is_acronym(phrase):
        return True
    if 1 < len(words) <= 3 and (_is_acronym(words[0]) or gazetteer.resolve(words[0]) is not None) and \
            all(w[:1].isupper() for w in words[1:]):
        return True  # "UNICEF EAPRO", "UNESCO Bangkok", "SEAMEO INNOTECH": a known body's office
    if len(words) > 1 and words[0][:1].islower() and is_base_verb(first) and words[1].lower() in _FRAGMENT_SECOND:
        return False  # "explore with unions how ..." is a fragment, not a name
    head = head_noun(phrase)
    if head == "sector" and not re.search(r"\b(?:private|business|corporate|non-?profit|voluntary)\s+sectors?\b",
                                          phrase, re.IGNORECASE):
        return False  # "the health sector" is a field of work; "the private sector" acts
    if head in ACTOR_HEADS:
        return True
    if head in NON_ACTOR_HEADS or key in NON_ACTOR_HEADS:
        return False
    if head.endswith(_ABSTRACT_SUFFIXES) and head not in _ORG_WORDS:
        return False
    if not subject:
        return False
    # An open-vocabulary subject: a plural or capitalised noun phrase ("Dam operators", "Parliaments").
    last = re.sub(r"\s*\([^)]*\)$", "", phrase).split()[-1]
    return last.lower().endswith("s") or last[:1].isupper() or head in ACTOR_HEADS


def is_body(phrase: str, gazetteer: Gazetteer) -> bool:
    """Return True for a name of a body that can be addressed ("Governments", "Development banks",
    "ASEAN"), not of the people a measure is for ("Migrant workers", "Young women")."""
    if not is_actor(phrase, gazetteer):
        return False
    return gazetteer.resolve(phrase) is not None or _is_acronym(phrase) or head_noun(phrase) in _BODY_HEADS


def _is_acronym(phrase: str) -> bool:
    """Return True for "OECD", "MoH", "the ADB", "NGOs" (two or more capitals, short)."""
    text = phrase[4:] if phrase.lower().startswith("the ") else phrase
    text = text.strip()
    return bool(re.fullmatch(r"[A-Z][A-Za-z&]{0,2}[A-Z][A-Za-z&]{0,5}s?", text)) and sum(c.isupper() for c in text) >= 2


def head_noun(phrase: str) -> str:
    """Return the singular head noun of a phrase: the word before "of"/"for", else the last word."""
    words = re.sub(r"\s*\([^)]*\)\s*$", "", phrase).replace("’", "'").split()
    if not words:
        return ""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in ("of", "for", "on", "in", "at", "from", "with"):
            words = words[:index]
            break
    while len(words) > 1 and words[-1].lower() in _POSTPOSITIVE:
        words = words[:-1]  # "Ministries responsible (for ...)"
    last = words[-1].strip(".,;:'\"").lower()
    if last.endswith("'s") or last.endswith("s'"):
        last = last[:-2] if last.endswith("'s") else last[:-1]
    return singular(last)


def _ocr_letters(name: str) -> str:
    """Return a name with OCR's digit-for-letter slips undone ("District Health 0ffices", "PH0")."""
    name = re.sub(r"\b0(?=[a-z])|(?<=[A-Z])0\b|(?<=[a-z])0(?=[a-z])", lambda m: "O" if m.start() == 0 or
                  name[m.start() - 1:m.start()] in " (" or name[m.start() - 1].isupper() else "o", name)
    return re.sub(r"(?<=[a-z])1(?=[a-z])", "l", name)


def owner_names(text: str, gazetteer: Gazetteer) -> tuple[list[str], list[str], str]:
    """Return (leads, supports, text without the owner note) an item names outright.

    "Lead: A; Support: B, C", "Responsible: A", a trailing "(A, B)" or "— A" whose every part is
    an actor. Dates and timelines in the same place ("(by 2026)", "— Q3 2025") are not owners.
    """
    leads: list[str] = []
    supports: list[str] = []
    rest = text
    # "WHO:" opening a decision line is the World Health Organization, not a "Who:" label.
    labelled = [m for m in _OWNER_LABEL_RE.finditer(text) if m.group("label") != "WHO"]
    for match in labelled:
        # "(blood bank)" describes; "(Lao PDR)" says whose: only a country's brackets stay.
        raw = re.sub(r"\s*\(([^)]*)\)", lambda m: m.group(0) if country_codes(m.group(1)) else "", match.group("names"))
        partner = re.search(r"\s+(?:with(?:\s+(?:technical\s+|financial\s+)?(?:support|help|assistance)\s+"
                            r"(?:from|of))?|together with|supported by)\s+(?:the\s+)?(.+)$", raw)
        if partner:
            supports.extend(clean_name(_ocr_letters(n)) for n in split_names(partner.group(1), gazetteer))
            raw = raw[: partner.start()]
        names = per_country(raw.strip(" .;")) or [clean_name(_ocr_letters(n)) for n in split_names(raw, gazetteer)]
        names = [n for n in names if n and not _DATE_LIKE_RE.match(n) and is_actor(n, gazetteer, subject=True)
                 and not re.fullmatch(r"[a-z]+ly", n)]
        label = match.group("label").lower()
        (supports if label.startswith(("support", "partner", "with", "in collab", "co-lead")) else leads).extend(names)
    if labelled:
        rest = text[: labelled[0].start()].rstrip(" ;,(")
    leading = LEADING_OWNER_RE.match(rest)
    if leading and not labelled and task_follows(rest[leading.start("verb"):]):
        # "PCD — Share the draft regulation ...", "Owner to be confirmed — Bring ...": the owner first.
        owner = leading.group("owner").strip()
        if _UNASSIGNED_RE.match(owner) or re.search(r"\bto be (?:confirmed|decided|agreed|determined)\b", owner, re.I):
            return leads, supports, rest[leading.end("owner"):].lstrip(" —–-")
        names = _owner_list(owner, gazetteer)
        if names:
            return [*leads, *names], supports, rest[leading.end("owner"):].lstrip(" —–-")
    for regex in (_TRAILING_PAREN_RE, _TRAILING_DASH_RE):
        match = regex.search(rest)
        if match and regex is _TRAILING_PAREN_RE and _spells(rest[: match.start()], match.group(1)):
            continue  # "... the Regional Framework Agreements (RFAs)": a definition, not an owner
        if match:
            names = _owner_list(match.group(1), gazetteer)
            if names:
                leads.extend(names)
                rest = rest[: match.start()].rstrip()
                break
    return leads, supports, rest


def _spells(before: str, acronym: str) -> bool:
    """Return True when an acronym is the initials of the capitalised words just before it."""
    letters = re.sub(r"s$", "", acronym.strip())
    if not re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", letters):
        return False
    capitals = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", before)[-8:] if w[:1].isupper()]
    initials = "".join(w[0] for w in capitals).upper()
    return bool(initials) and initials.endswith(letters.upper().replace("&", ""))


def _owner_list(raw: str, gazetteer: Gazetteer) -> list[str]:
    """Return the actors of a trailing owner note when every part of it is one, else []."""
    if countries_each := per_country(raw.strip(" .;")):
        return countries_each
    raw = re.sub(r"^(?:lead|led by|responsible|owner|by)\s*[:\-]?\s+", "", raw.strip(), flags=re.IGNORECASE)
    raw = re.sub(r"\s+with\s+(?=[A-Z])", ", ", raw)  # "MONRE with MoJ": both own it
    parts = [clean_name(re.sub(r"^(?:together with|jointly with|with|and|supported by|in partnership with)\s+", "",
                               p.strip(), flags=re.IGNORECASE)) for p in split_names(raw, gazetteer)]
    parts = [p for p in parts if p and not re.fullmatch(r"[a-z]+ly", p)]  # "(City Government and UN-Habitat jointly)"
    if len(parts) > 1 and _DATE_LIKE_RE.match(parts[-1]) and not any(_DATE_LIKE_RE.match(p) for p in parts[:-1]):
        parts = parts[:-1]  # "(MONRE with MoJ, Q2 2026)": the owners, then when
    if not parts or any(_DATE_LIKE_RE.match(p) for p in parts):
        return []
    if all(is_actor(p, gazetteer) or _is_name_like(p) for p in parts):
        return parts
    return []


def _is_name_like(phrase: str) -> bool:
    """Return True for a short Title Case name ("Health Care Accreditation Authority", "UN Women")."""
    words = phrase.split()
    if not 1 <= len(words) <= 8:
        return False
    capitals = [w for w in words if w[:1].isupper()]
    small = [w for w in words if w.lower() in ("of", "and", "for", "the", "on", "in", "&")]
    return len(capitals) + len(small) == len(words) and len(capitals) >= 1 and not phrase.isupper() or \
        _is_acronym(phrase)


_DEFINITION_RE = re.compile(
    r"((?:[A-Z][\w’'.\-]*|of|for|and|the|on|in|&)(?:\s+(?:[A-Z][\w’'.\-]*|of|for|and|the|on|in|&|de|des|du|la|et|"
    r"für|van|der)){0,9})"
    r"\s*\((?:the\s+)?([A-Z][A-Za-z&]{1,9})\)"
)


_DEFINITION_END_RE = re.compile(_DEFINITION_RE.pattern + "$")


def _initials_start(words: list[str], acronym: str) -> int | None:
    """Return the index of the word from which the capitalised words' initials begin with the acronym's
    letters in order, or None."""
    letters = [c for c in acronym if c.isupper()]
    for start, word in enumerate(words):
        if word[:1] != letters[0]:
            continue
        initials = [w[0] for w in words[start:] if w[:1].isupper()]
        if initials[: len(letters)] == letters:
            return start
    return None


def organisation_acronyms(text: str) -> dict[str, str]:
    """Return the acronyms a report defines for organisations, with their names
    ("Provincial Health Office (PHO)" -> {"PHO": "Provincial Health Office"}).

    An acronym defined for a thing ("human resources for health (HRH)") is not an actor.
    """
    found: dict[str, str] = {}
    for opening in re.finditer(r"\((?:the\s+)?[A-Z][A-Za-z&]{1,9}\)", text):
        match = _DEFINITION_END_RE.search(text, max(0, opening.start() - 200), opening.end())
        if match is None:
            continue
        name = match.group(1).strip()
        words = name.split()
        while words and words[0].lower() in ("the", "of", "and", "for", "on", "in", "&"):
            words = words[1:]
        # The name is the run of capitalised words the acronym's letters stand for, at most; where the
        # words' initials spell the acronym ("Regional Dengue Early Warning ... Programme (RDEW)"), from the
        # first word they spell it from.
        acronym = match.group(2)
        capitals = sum(1 for c in acronym if c.isupper())
        keep: list[str] = []
        for word in reversed(words):
            keep.insert(0, word)
            if sum(1 for w in keep if w[:1].isupper()) >= capitals:
                break
        spelt = _initials_start(words, acronym)
        if spelt is not None and len(words) - spelt > len(keep):
            keep = words[spelt:]
        name = " ".join(keep)
        last = keep[-1] if keep else ""
        org_head = bool(re.search(rf"\b(?:{_ORG_HEADS})\b", name))
        if capitals < 2 or not name or (name[0].upper() != acronym[0] and not org_head):
            continue  # "(Government)" is no acronym; "Secretariat (DPs)" does not spell it
        if re.fullmatch(rf"(?:{_ORG_HEADS})", last) or head_noun(name) in ACTOR_HEADS:
            found.setdefault(acronym, name)
    # A list of abbreviations: "NTP      National Tuberculosis Programme, MoH".
    for match in re.finditer(r"(?m)^[ \t]*(?P<short>[A-Z][A-Za-z&]{1,9})(?:[ \t]{2,}|\t|[ \t]*[:=–—-][ \t]+)"
                             r"(?P<name>[A-Z][^;(\n]{3,100}?)[ \t]*"
                             r"(?:,[ \t]*[A-Z][A-Za-z]{0,3}[A-Z]\w*[ \t]*$|[(;].*$|$)", text):
        name = match.group("name").strip()
        short = match.group("short")
        if sum(c.isupper() for c in short) >= 2 and short not in _NOT_ORG_ACRONYMS and \
                (re.search(rf"\b(?:{_ORG_HEADS})\b", name) or head_noun(name) in ACTOR_HEADS):
            found.setdefault(short, name)
    # "the SEAMEO Regional Centre for ... Technology (SEAMEO INNOTECH)", "UNESCO Asia and Pacific Regional
    # Bureau for Education (UNESCO Bangkok)": a short name that repeats the first word of the long one.
    for match in re.finditer(r"\((?P<short>[A-Z][A-Za-z&]{1,11}(?:\s+(?:[A-Z][\w&]{1,11}|in|for|of)){1,3})\)", text):
        short = match.group("short")
        first = short.split()[0]
        before = text[max(0, match.start() - 200): match.start()]
        opening = [m.start() for m in re.finditer(rf"\b{re.escape(first)}\b", before)]
        if not opening or not short.split()[-1][:1].isupper():
            continue
        name = " ".join(before[opening[-1]:].split())
        if len(name.split()) >= 3 and re.search(rf"\b(?:{_ORG_HEADS})\b", name):
            found.setdefault(short, name)
    return found


def named_organisations(text: str, gazetteer: Gazetteer, skip: list[tuple[int, int]],
                        acronyms: dict[str, str] | None = None, mentions: list | None = None) -> list[str]:
    """Return organisations named inside a text: known ones, Title Case names with an
    organisation's head word, and acronyms - not as places, not as modifiers ("Fund coverage")."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = list(skip)
    countries = [(start, end) for _, start, end in find_countries(text)]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def acts_here(start: int, end: int) -> bool:
        after = re.match(r"[ \t]*([A-Za-z’']+)", text[end:])
        if after and after.group(1)[:1].islower() and after.group(1).lower() not in _ALLOWED_AFTER:
            return False
        if after and after.group(1)[:1].isupper() and not after.group(1).isupper() and \
                not re.fullmatch(rf"(?:{_ORG_HEADS})", after.group(1)):
            return False  # "ASEAN Qualifications Reference Framework", "WHO Representative"
        before = text[max(0, start - 40): start]
        if re.search(r"\b(?:for|encourag\w*|help\w*|assist\w*|train\w*|enabl\w*|empower\w*|incentivi[sz]\w*|"
                     r"target\w*|serv\w*|benefit\w*|to)\s+(?:the\s+|all\s+|local\s+)?"
                     r"(?:[\w’'\-]+(?:\s+[\w’'\-]+)?\s+(?:and|or)\s+(?:the\s+)?)?$", before):
            return False  # a beneficiary or recipient: "capacity-building for local NGOs"
        if re.search(r"\b(?i:shar\w*|sen[dt]s?|sending|submit\w*|present\w*|transmit\w*|circulat\w*|communicat\w*)\b"
                     r"[^.;:]{0,80}?\b(?:with|to)\s+(?:the\s+)?(?:[\w’'\-]+\s+(?:and|or)\s+(?:the\s+)?)?$",
                     text[max(0, start - 120): start]):
            return False  # "Share the draft regulation with APWPA": who receives it does not act
        if re.search(r"\b(?:on|about|under|into)\s+(?:the\s+)?$", before):
            return False  # "a study visit on the National Indemnity Insurance Program": a topic
        if re.search(r"\b(?:support|help|assistance|cooperation|collaboration|participation|leadership|guidance|"
                     r"consultation)\s+(?:of|from)\s+(?:the\s+)?$", before):
            return True
        return not _PLACE_BEFORE_RE.search(before[-20:])

    for match in _ORG_NAME_RE.finditer(text):
        start, end = match.start(), match.end()
        name = match.group(0).strip()
        if name.split()[0] in ("The", "A", "An", "This", "Its", "Their", "Each", "Every", "Our"):
            name = name.split(" ", 1)[1] if " " in name else ""
        if len(name.split()) < 2 or not free(start, end) or not acts_here(start, end):
            continue
        if re.search(r"\b(?:which|whom)\s+(?:the\s+)?$", text[max(0, start - 12): start]) or \
                re.search(r",\s*(?:which|where|whom)\b[^.;,]*$", text[max(0, start - 80): start]):
            continue  # "the meeting, which the Government of Viet Nam has offered to host": a side remark
        if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
            name = name[:-1]  # the sentence's full stop, not an abbreviation's
        found.append((start, name))
        taken.append((start, end))
    for mention in gazetteer.scan(text) if mentions is None else mentions:
        if mention.entry.kind == "group" or mention.entry.kind == "government" and not re.search(
                r"\bGovernment\b", mention.surface):
            continue  # "local NGOs" named in passing, or a country ("Lao"): no owner of the item
        if any(s <= mention.start and mention.end <= e for s, e in countries):
            continue  # "Lao" inside "Lao PDR"
        if re.search(r"[A-Za-z]\s*\($", text[max(0, mention.start - 3): mention.start]):
            continue  # the acronym a name just defined: "National Health Insurance Board (NHIB)"
        if free(mention.start, mention.end) and acts_here(mention.start, mention.end):
            found.append((mention.start, mention.surface))
            taken.append((mention.start, mention.end))
    for match in _ACRONYM_RE.finditer(text):
        start, end = match.start(), match.end()
        token = match.group(0)
        if any(s <= start < e for s, e in countries) or text[max(0, start - 1): start] == "(" and \
                re.search(r"[A-Za-z]\s*\($", text[max(0, start - 3): start]):
            continue  # a country's letters, or the acronym a name just defined ("Board (NHIB)")
        if not free(start, end) or token.upper() in _NOT_ORG_ACRONYMS or token.rstrip("s").upper() in \
                _NOT_ORG_ACRONYMS or country_code(token) or not acts_here(start, end):
            continue
        if token not in (acronyms or {}) and token.rstrip("s") not in (acronyms or {}) and \
                gazetteer.resolve(token) is None:
            continue  # an acronym neither known nor defined as an organisation's: HRH, CPD
        found.append((start, token))
        taken.append((start, end))
    found.sort()
    return [name for _, name in found]


_NOT_ORG_ACRONYMS = frozenset(
    """
    SDG SDGS GDP GNI HIV AIDS TB COVID NCD NCDS UHC ICT ICTS TVET MSME MSMES SME SMES PPE ODA GHG CO2 USD EUR
    KPI KPIS MOU MOUS MOA TOR TORS PDF URL ID IDS II III IV VI VII VIII IX XI XII AI IT OSH PPP PPPS ESG IUU
    GIS LDC LDCS SIDS HRIS HMIS EMIS LMIS CRVS CEO CSR FAQ AM PM UTC NB PS CV QA OK
    """.upper().split()
)


# "National statistical offices to include ...": the outcome-document way of assigning an action.
_INFINITIVE_RE = re.compile(r"^(?P<subject>(?:the\s+)?[A-Za-z][\w’'\-–]*(?:[\s,]+(?:and\s+|&\s+)?[\w’'\-–()]+){0,15}?)"
                            r",?\s+to\s+(?P<verb>[a-z]+)\b")
_PARTNER_LIST_RE = re.compile(
    r"\b(?P<cue>together with|jointly with|in (?:partnership|cooperation|collaboration|consultation) with|alongside|"
    r"(?:work(?:ing|s)?|cooperat\w*|collaborat\w*|partner\w*|coordinat\w*|consult(?!ed)\w*|engag\w*|liais\w*|"
    r"sessions?|dialogues?|meetings?|closely|together|(?:co-?)?(?:designed|developed|prepared|drafted|organi[sz]ed|"
    r"delivered|implemented|run)) with|(?:supported|led|funded|co-?chaired|chaired) by|"
    r"(?P<verb>\b[a-z]+(?<!s))\s+with|(?P<clause>(?<=,\s)with))\s+"
    r"(?:(?:the|their|its|our)\s+)?(?!(?:the|a|an|its|their|our)\b)"
    r"(?P<names>[a-z][\w’'\-]*(?:(?:\s+|,\s+|,?\s+(?:and|or)\s+(?:the\s+)?)(?:of|for|[A-Za-z0-9][\w’'\-]*))"
    r"{0,12}?)"
    r"(?=\s*[.;:)]|\s+(?:on|to|in|for|at|by|so|who|that|which|when|before|after|from|as|through|under)\b|"
    r",\s+(?:to|in|for|so|on|and\s+to)\b|,\s+(?!and\b|including\b)[a-z]+ing\b|$)"
)
_ASIDE_PARTNER_RE = re.compile(r",\s+(?:together with|jointly with|in (?:partnership|cooperation|collaboration) "
                               r"with)\s+(?:the\s+)?(?P<names>[^,;.]{3,120}),")
_THROUGH_RE = re.compile(r"(?:^|[.;]\s+)(?:Through|Via)\s+(?:their|the|its|our)\s+(?P<names>[a-z][\w\s’'\-]{2,80}?),")
_JOINT_WITH_RE = re.compile(
    r"\b(?:[Nn]egotiat\w*|[Aa]gree(?:s|d|ing)?|[Ss]ign(?:s|ed|ing)?|[Cc]onclud\w*|[Aa]lign\w*|[Hh]armoni[sz]\w*|"
    r"joint\s+\w+|jointly\s+\w+)\b"
    r"[^.;:()]{0,80}?\bwith\s+(?:the\s+)?(?P<names>[A-Za-z][\w’'\-]*(?:\s+(?:and\s+|of\s+|for\s+|on\s+)?"
    r"[A-Za-z][\w’'\-]*){0,9}?)(?=\s*[.;:,)]|\s+(?:to|in|by|before|so|for|on|at|from)\b|$)"
)
# Heads of bodies one works "with" (not people one works with, such as workers or households).
_BODY_HEADS = word_set(
    """ministry government agency donor partner organization organisation institution university ngo cso company
    bureau body council committee secretariat alliance network authority regulator office department bank fund
    association federation commission institute foundation coalition platform consortium union employer
    provider inspectorate cooperative municipality province district court service board directorate academy
    utility operator regulator hospital centre center unit laboratory programme program clinic airline society
    insurer carrier"""
)


def infinitive_subject(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the actors of "X to <verb> ..." ("Social security institutions to allow ..."), or []."""
    if " to " not in text[:200]:
        return []
    match = _INFINITIVE_RE.match(text)
    if not match or not is_base_verb(match.group("verb")) or directive_lemma(match.group("subject").split()[0]):
        return []
    if is_imperative_start(text) or match.group("subject").split()[0].lower().endswith("ing"):
        return []  # "Initiate regional programmes to ...", "Establishing a platform to ..."
    # "Universities, supported by Deltares, to train ...": the partner is named apart.
    subject = lead_and_partners(match.group("subject"))[0]
    subject_words = subject.split()
    if any(w in third_person_forms() and w.islower() for w in subject_words[:-1]):
        return []  # "The situation underscores the urgency for nations to ...": a clause with its own verb
    last = subject_words[-1].lower()
    if is_past_form(last) or last in ("wants", "wishes", "hopes", "plans", "aims", "seeks", "needs", "intends"):
        return []  # "The Government offered to host ...": a clause's verb, not an assignment
    # "National line agencies responsible for water, irrigation and hydropower in the Member Countries to
    # share ...": a long subject is still one when it is a body with what it is responsible for.
    longest = 16 if head_noun(subject) in ACTOR_HEADS else 8
    if len(subject_words) > longest or re.search(r"n[’']t\b|\b(?:want|wants|wanted|wish|wishes|wished|hope|hopes|hoped|"
                                                 r"seem|seems|seemed|try|tries|tried|tend|tends|like|likes|liked|expected|"
                                                 r"preferred|urged|asked|told|allowed)\b", subject):
        return []  # "some countries don't want to ...": a clause, not an assignment
    return subject_actors(subject, gazetteer)


def subjunctive_subject(text: str, gazetteer: Gazetteer) -> list[str]:
    """Return the actors of an ask in the subjunctive ("... asks that:" / "border agencies stop checking
    every truck"; "We recommend that the ministers fix a date"): the words before its first verb."""
    clause = re.split(r"\brecommend(?:s|ed)? that\s+|\bask(?:s|ed)? that\s+|\burge(?:s|d)? that\s+|"
                      r"\bpropos(?:e|es|ed) that\s+|\bagreed that\s+", text, maxsplit=1)
    clause_text = clause[-1].strip()
    words = clause_text.split()
    plural_actor = bool(words) and words[0].endswith("s") and singular(words[0]).lower() in ACTOR_HEADS
    opens_as_clause = bool(words) and (words[0][:1].islower() or words[0] in ("The", "All") or plural_actor)
    # "fund", "host", "partner" are nouns too; after a closing comma ("..., including IFAD, fund yards") a verb.
    candidates = [index for index, word in enumerate(words[1:20], start=1)
                  if is_base_verb(word.strip(",;:").lower())
                  and (word.strip(",;:").lower() not in ACTOR_HEADS or words[index - 1].endswith((",", ")")))
                  and words[index - 1].lower() not in ("the", "a", "of", "to", "and", "for", "an", "that", "which",
                                                       "who")]
    # The verb follows a plural, a name or an aside ("authorities assess", "the Ministry of Health publish",
    # "groups, scale up"), not an adjective ("Environmental impact assessment authorities").
    after_subject = [i for i in candidates if re.search(r"(?:s|\)|,)$", words[i - 1])
                     or (words[i - 1][:1].isupper() and (i > 1 or _is_acronym(words[0])))]
    for index in (after_subject or candidates)[:1]:
            subject = re.sub(r"\s+\w+ly$", "", " ".join(words[:index]))  # "... and the secretariat jointly"
            if len(clause) == 1 and not opens_as_clause and head_noun(subject.split(",")[0]) not in ACTOR_HEADS:
                return []  # "Port authorities assess ...", not "Coastal erosion be recorded"
            # "Member States, together with the ITU, revise ...": the partner is named apart, as a partner.
            return subject_actors(lead_and_partners(subject)[0], gazetteer)
    return []


# Minutes' decision lines: "AGREED: the Working Group to prepare ...", "ACTION: ADB / IDF – draft the
# terms of reference – 31 January", "Decision: to invite the agencies to ...".
DECISION_LABEL_RE = re.compile(
    r"^(?P<label>AGREED|DECIDED|DECISIONS?|RESOLVED|ACTIONS?(?: POINTS?| ITEMS?)?|FOLLOW[- ]UP|TASKS?|"
    r"Agreed|Decided|Decisions?|Resolved|Actions?(?: points?| items?)?|Follow[- ]up)\s*(?::|\s[–—])\s+(?P<body>\S.*)$",
    re.DOTALL,
)
_ACTION_LINE_RE = re.compile(r"^(?P<owner>[^–—:]{2,90}?)\s+[–—-]\s+(?P<task>[A-Za-z][^–—]*?)(?:\s+[–—-]\s+[^–—]+)?$",
                             re.DOTALL)


def decision_line(text: str, gazetteer: Gazetteer) -> tuple[str, list[str]] | None:
    """Return (kind, owners) of a minutes' decision line that asks for action, else None.

    "ACTION: Owner – task – date" and "AGREED: X to ..." are commitments of their owner; "AGREED: to
    recommend that X ...", "to invite X to ..." recommendations to X. A decision about the meeting
    itself ("AGREED: the agenda was adopted", "the next meeting will be held in ...") is none.
    """
    head = text.lstrip()[:40]
    if ":" not in head and "–" not in head and "—" not in head:
        return None
    match = DECISION_LABEL_RE.match(" ".join(text.split()))
    if not match:
        return None
    body = match.group("body").rstrip(". ")
    line = _ACTION_LINE_RE.match(body)
    if line and is_base_verb(line.group("task").split()[0].lower()) and not is_base_verb(
            line.group("owner").split()[0].lower()):
        owners = []
        for part in re.split(r"\s*[/;&]\s*|\s+and\s+(?=[A-Z])", line.group("owner")):
            part = re.sub(r"^(?:All|all)\s+", "", part.strip())
            if part and not _UNASSIGNED_RE.match(part):
                owners.append(part)
        return "commitment", owners
    asked = re.match(r"^to\s+(?P<verb>[a-z]+)\b\s*(?P<rest>.*)$", body)
    if asked:
        verb = asked.group("verb")
        if verb == "recommend":
            return "recommendation", subjunctive_subject(body, gazetteer)
        if verb in _ADDRESSING:
            return "recommendation", directive_object(f"{verb.capitalize()} {asked.group('rest')}", gazetteer)
        return None  # "AGREED: to meet again in March": the meeting's own arrangement
    subject = infinitive_subject(body[:1].upper() + body[1:], gazetteer)
    if subject:
        return "commitment", subject
    verb = action_verb(body)
    if verb is not None and not is_passive(body, verb):
        names = subject_actors(subject_text(body, verb), gazetteer)
        if names:
            return ("commitment" if COMMITMENT_VERBS.match(verb.group("verb")) else "recommendation"), names
    return None


# "UNDP: to circulate ...", "MET AND MED: will agree ...": a decision line with its owner first.
OWNER_COLON_RE = re.compile(r"^(?P<owner>[A-Z][^:]{1,60}?):\s+(?P<modal>to|will|shall|should)\s+(?P<verb>[a-z]+)\b")


def _owner_heading(owner: str, gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    """Return (leads, supports) of a decision line's owner ("NAMEM, WITH WHO", "ALL DPs", "WORLD BANK")."""
    if _UNASSIGNED_RE.match(owner.strip()) or re.search(r"\b(?:TBC|TBD|to be confirmed)\b", owner, re.IGNORECASE):
        return [], []
    partner = re.split(r",?\s+(?:WITH|with|SUPPORTED BY|supported by)\s+", owner, maxsplit=1)
    def names(text: str) -> list[str]:
        found = []
        for part in re.split(r"\s+(?:AND|and|&)\s+|,\s*", text):
            part = re.sub(r"^(?:ALL|All|all)\s+", "", part.strip())
            # A name in capitals is written as a name ("WORLD BANK" -> "World Bank"); acronyms stay.
            if part.isupper() and len(part.split()) > 1:
                part = part.title()
            if part:
                found.append(part)
        return found
    return names(partner[0]), names(partner[1]) if len(partner) > 1 else []


def item_actors(text: str, gazetteer: Gazetteer, *, addressees: list[str], leads: list[str] | None = None,
                supports: list[str] | None = None, acronyms: dict[str, str] | None = None,
                we: list[str] | None = None, mentions: list | None = None,
                speaker: str = "", definite: dict[str, str] | None = None) -> tuple[ActorMention, ...]:
    """Return the actors of one item: named owners and sentence subjects lead, organisations named
    inside support; without any lead, the addressees (lead-in, heading, sidecar)."""
    owner_leads, owner_supports, body = owner_names(without_noting(text), gazetteer)
    # "3.1 Pacific Island governments should ...": the paragraph's number is not part of its subject.
    body = re.sub(r"^\s*(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)\s+(?=[A-Z])", "", body)
    lead_names = list(owner_leads)
    support_names = [*(supports or []), *owner_supports]
    subject_spans: list[tuple[int, int]] = []
    decided = decision_line(body, gazetteer)
    if decided and not lead_names:
        lead_names.extend(decided[1])
        body = DECISION_LABEL_RE.match(" ".join(body.split())).group("body")
    owner = OWNER_COLON_RE.match(" ".join(body.split()))
    if owner and not lead_names:
        # "NAMEM, WITH WHO: to install ...": the decision line's owner comes first.
        owner_leads, owner_partners = _owner_heading(owner.group("owner"), gazetteer)
        lead_names.extend(owner_leads)
        support_names.extend(owner_partners)
        subject_spans.append((0, owner.end("owner")))
    # Owners the item names outright ("Owner: RDEW Secretariat") are who acts: a bare "The Secretariat will"
    # or "Members agreed" in its sentence says the same again.
    named_outright = bool(owner_leads) and bool(_OWNER_LABEL_RE.search(text))
    for sentence in split_sentences(body.replace("\n", " ")) if not decided and not named_outright else []:
        if owner and body.lstrip().startswith(sentence[:20]):
            continue
        addressed = directive_object(sentence, gazetteer) if sentence.startswith("We") else []
        if addressed:
            lead_names.extend(addressed)
            continue
        verb = action_verb(sentence)
        if verb is None:
            weak = _WEAK_MODAL_RE.search(sentence)
            # "the CDC can work with ...", but not "a database that national authorities can update"
            verb = weak if weak and not re.search(r"\b(?:that|which|who)\b", sentence[: weak.start()]) else None
        relative = verb is not None and re.search(r"\b(?:which|who|that)\s*$", sentence[: verb.start()])
        if verb is None or is_passive(sentence, verb) or relative:
            continue  # "..., which will meet twice a year": a relative clause's verb, not the item's
        if verb.group(0).lower().startswith("recommend"):
            # "The Committee recommended that Member States ...": the clause's subject is to act.
            lead_names.extend(subjunctive_subject(sentence, gazetteer))
            continue
        subject = subject_text(sentence, verb)
        if re.match(r"^we\b", subject, re.IGNORECASE):
            lead_names.extend(we or [])
            continue
        # "Ministries of finance, together with traditional leaders, should ...": the partners are named apart.
        lead, partners = lead_and_partners(subject)
        names = subject_actors(lead, gazetteer)
        if partners:
            support_names.extend(subject_actors(partners, gazetteer))
        lead_names.extend(names)
        where = body.find(sentence)
        if where >= 0 and subject:
            subject_spans.append((where, where + verb.start()))
    if not lead_names and leads:
        lead_names.extend(leads)  # the lead-in's or the table's, where the item names no one itself
    if not lead_names and speaker and re.match(r"^(?:\d+\.\s+)?(?:Also\s+|Further\s+)?(?:Decides|Resolves|Agrees|"
                                               r"Commits|Undertakes|Adopts|Establishes|Endorses)\b", body.strip()):
        lead_names.append(speaker)  # what the body that adopts the text takes on itself
    if not lead_names:
        flat = re.sub(r"^(?:\d+(?:\.\d+)*\.?|\([a-z]\))\s+", "", " ".join(body.split()))
        lead_names.extend(directive_object(flat, gazetteer) or infinitive_subject(flat, gazetteer)
                          or (subjunctive_subject(flat, gazetteer) if not is_imperative_start(flat) else []))
    if not lead_names and we and re.search(r"\b(?:our|ourselves)\b", body, re.IGNORECASE):
        lead_names.extend(we)  # "Update our national action plans": the signatories speak of their own
    for match in re.finditer(r"\b(?:together with|jointly with|supported by|in (?:partnership|cooperation|"
                             r"collaboration|consultation) with|with the support of)\s+(?:the\s+)?"
                             r"(?P<acronym>[A-Z][A-Z0-9&]{1,11}s?)\b(?!\s+[A-Z])", body):
        support_names.append(match.group("acronym"))  # "together with INFORDEPE": a partner named by its acronym
    for match in re.finditer(r"\b(?:[Tt]ogether with|[Jj]ointly with|[Ss]upported by|[Ii]n (?:partnership|cooperation|"
                             r"collaboration) with)\s+(?:the\s+)?(?P<name>[A-Z][\w’'\-]*(?:\s+(?:and|of|for|the|&)?\s*"
                             r"[A-Z][\w’'\-]*){0,6})(?P<end>[,;.)]|\s+to\b|$)?", body):
        name = match.group("name")
        if len(name.split()) == 1 and (match.group("end") is None or country_code(name) or name.isupper()):
            continue  # one word is a name only when the phrase ends there ("supported by Deltares, to ...")
        support_names.append(name)  # "Together with the Building and Wood Workers' International"
    for match in re.finditer(r"\b(?:[Tt]ogether with|[Jj]ointly with|[Ss]upported by|[Ii]n (?:partnership|cooperation|"
                             r"collaboration) with)\s+(?:the\s+)?(?P<name>[A-Z][\w’'\-]*(?:\s+(?:(?:and|of|for|the|in|"
                             r"on|&)\s+)*[A-Z][\w’'\-]*){1,10})\s*\((?P<acronym>[A-Z][A-Za-z&]{1,11})\)", body):
        support_names.append(f"{match.group('name')} ({match.group('acronym')})")  # "jointly with the Partnerships
        # in Environmental Management for the Seas of East Asia (PEMSEA)"
    # "work with private sector actors—including pharmaceutical companies—to ...": the aside is part of the list.
    for match in _PARTNER_LIST_RE.finditer(re.sub(r"\s?[—–]\s*", ", ", body)):
        verb = match.group("verb")
        if verb and not is_base_verb(verb):
            continue  # "contracts with agencies": a noun's "with", not someone to work with
        if re.match(r"(?:all|relevant|concerned|other|various)\s+(?:\w+\s+)?(?:stakeholders|partners|actors|parties)\b",
                    match.group("names")):
            continue  # "coordination with all stakeholders" names no one in particular
        names = [n for piece in _EXEMPLAR_RE.split(match.group("names")) for n in split_names(piece, gazetteer)]
        for part in distribute(names, gazetteer):
            name = clean_name(part)
            head = head_noun(name)
            # ", with the district offices": a clause's partner must be a body, as after a verb's "with".
            bodies_only = verb or match.group("clause")
            acceptable = is_actor(name, gazetteer) and head in ACTOR_HEADS and (not bodies_only or head in _BODY_HEADS)
            if name and acceptable:
                support_names.append(name)
    for aside in _ASIDE_PARTNER_RE.finditer(" ".join(body.split())) if " with" in body else ():
        for part in distribute(split_names(aside.group("names"), gazetteer), gazetteer):
            name = clean_name(part)
            agent = re.search(r"(?:er|or)s$", name)  # "exporters", "operators": those who do something
            if name and (is_actor(name, gazetteer) or agent) and name not in support_names:
                support_names.append(name)  # "national coffee associations, together with exporters, set up ..."
    working = re.match(r"^\W*(?:Working|Together|Jointly|In (?:cooperation|partnership|collaboration|consultation))\s+"
                       r"with\s+(?:the\s+)?(?P<names>[^,;.]{3,160}),", body)
    if working:
        for part in distribute(split_names(working.group("names"), gazetteer), gazetteer):
            name = clean_name(part)
            if name and is_actor(name, gazetteer) and name not in support_names:
                support_names.append(name)  # "Working with national training institutes, bring courses ..."
    for through in _THROUGH_RE.finditer(body) if "Through " in body or "Via " in body else ():
        for part in split_names(through.group("names"), gazetteer):
            if is_body(clean_name(part), gazetteer):
                support_names.append(clean_name(part))  # "Through their industry associations, pool resources"
    for line in body.split("\n")[1:]:
        # A sub-item "– with the National Health Laboratory", "– together with MSSI and municipal services".
        partner = re.match(r"^\W*(?:together |jointly |in partnership |in cooperation )?with\s+(?:the\s+)?"
                           r"(?P<names>.+?)[.;]?$", line.strip())
        if partner:
            for part in distribute(split_names(partner.group("names"), gazetteer), gazetteer):
                name = clean_name(part)
                if name and is_body(name, gazetteer) and name not in support_names:
                    support_names.append(name)
    # "negotiate credit lines with the development banks", "hold a joint session with the Committee on
    # Trade": what is negotiated or held jointly has the other party as a partner.
    for match in _JOINT_WITH_RE.finditer(body) if " with " in body else ():
        for part in distribute(split_names(match.group("names"), gazetteer), gazetteer):
            name = clean_name(part)
            if name and is_body(name, gazetteer) and name not in support_names:
                support_names.append(name)
    for government in re.finditer(r"\b(?:the\s+)?Governments?\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w’'\- ]+?)"
                                  r"(?=[,.;:)]|\s+(?:and|to|should|will|must|in|on|for|with|has|have)\b|$)", body):
        if country_code(government.group("country")) and not re.search(
                r"\b(?:which|that|who|whom|where)\s+(?:\w+\s+){0,2}$", body[: government.start()]):
            name = f"Government of {government.group('country').strip()}"
            subject_spans.append((government.start(), government.end()))
            if name not in lead_names:
                support_names.append(name)
    support_names.extend(named_organisations(body, gazetteer, subject_spans, acronyms,
                                             mentions if body == text else None))
    mentions = [ActorMention(n, "lead") for n in lead_names]
    if not lead_names:
        mentions.extend(ActorMention(n, "addressee") for n in addressees)
    mentions.extend(ActorMention(n, "support") for n in support_names)
    for reference in re.finditer(rf"\b(?:with|and|by|from)\s+the\s+(?P<head>{_ORG_HEADS})\b(?!\s+(?:of|for|on)\b)",
                                 body):
        mentions.append(ActorMention(reference.group("head"), "support"))  # "agree with the Ministry"
    mentions = _whole_defined_names(mentions, " ".join(body.split()), acronyms or {})
    mentions = [_referent(m, definite or {}) for m in mentions]
    mentions = [m for m in mentions if m.role != "support" or not re.fullmatch(rf"(?:the\s+)?(?:{_ORG_HEADS})", m.name,
                                                                                 re.IGNORECASE)]
    return dedupe([_spelled_out(m, gazetteer, acronyms or {}) for m in mentions], gazetteer)


def _whole_defined_names(mentions: list[ActorMention], body: str, acronyms: dict[str, str]) -> list[ActorMention]:
    """Return mentions with the pieces of a name the report defines put back together: "Philippine
    Atmospheric", "Geophysical" and "Astronomical Services Administration (PAGASA)" are one body."""
    for short, long in acronyms.items():
        if ("," not in long and " and " not in long) or long not in body:
            continue
        whole = f"{long} ({short})"
        pieces = [m for m in mentions if m.name != whole and (m.name in whole or m.name == short)]
        if len(pieces) >= 2:
            first = mentions.index(pieces[0])
            mentions = [m for m in mentions if m not in pieces]
            mentions.insert(min(first, len(mentions)), ActorMention(whole, pieces[0].role))
    return mentions


def definite_names(text: str) -> dict[str, str]:
    """Return, per organisation head word, the one full name a report gives it ("the Ministry" ->
    "Ministry of Education, Youth and Sport" when the report names no other ministry)."""
    found: dict[str, set[str]] = {}
    for match in _ORG_NAME_RE.finditer(text):
        name = " ".join(match.group(0).split())
        words = name.split()
        if words[0] in ("The", "A", "An", "This", "Its", "Their"):
            words = words[1:]
        heads = [w for w in words if re.fullmatch(rf"(?:{_ORG_HEADS})", w)]
        if len(words) >= 2 and heads:
            found.setdefault(heads[0].lower(), set()).add(" ".join(words).rstrip("."))
    # "Government" stays as written: a dialogue of several countries has several governments.
    return {head: next(iter(names)) for head, names in found.items() if len(names) == 1 and head != "government"}


def _referent(mention: ActorMention, definite: dict[str, str]) -> ActorMention:
    """Return "the Ministry" as the one ministry its report names, where it names only one."""
    bare = mention.name[4:] if mention.name.lower().startswith("the ") else mention.name
    if re.fullmatch(rf"(?:{_ORG_HEADS})", bare.capitalize()) and bare.lower() in definite:
        return ActorMention(definite[bare.lower()], mention.role)
    return mention


def _spelled_out(mention: ActorMention, gazetteer: Gazetteer, acronyms: dict[str, str]) -> ActorMention:
    """Return a mention by the name its report defines for an acronym the gazetteer does not know ("PHO")."""
    bare = mention.name[4:] if mention.name.lower().startswith("the ") else mention.name
    for form in (bare, bare[:-1] if bare.endswith("s") else ""):
        if form in acronyms and gazetteer.resolve(form) is None:
            return ActorMention(f"{acronyms[form]} ({form})", mention.role)
    longer = [key for key in acronyms if key.startswith(f"{bare} ") and " " in bare]
    if len(longer) == 1:
        # "SEAMEO QITEP", cut by the list's cleaning from "SEAMEO QITEP in Language"
        return ActorMention(f"{acronyms[longer[0]]} ({longer[0]})", mention.role)
    first, _, rest = bare.partition(" ")
    if rest and first in acronyms and gazetteer.resolve(bare) is None:
        return ActorMention(f"{acronyms[first]} {rest}", mention.role)  # "GTCCN secretariat"
    return mention


def dedupe(mentions: list[ActorMention], gazetteer: Gazetteer) -> tuple[ActorMention, ...]:
    """Return mentions with each actor once, keeping its first (strongest) role."""
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        entry = gazetteer.resolve(mention.name)
        key = f"entry:{entry.name}" if entry else f"key:{actor_key(mention.name)}"
        if key not in seen and mention.name:
            seen.add(key)
            kept.append(mention)
    # "Fiscal Policy Agency" beside "Fiscal Policy Agency, Indonesia", "Agriculture Organization of the United
    # Nations" beside "Food and Agriculture Organization of the United Nations": the same body, said in full once.
    names = [m.name for m in kept]

    def part_of_another(name: str) -> bool:
        return any(other != name and (other.startswith((f"{name}, ", f"{name} (", f"{name}–", f"{name}-"))
                                      or other.endswith(f" {name}") or other.startswith(f"{name} ") and "(" in other)
                   for other in names)
    def fuller(name: str) -> str:
        return next(other for other in names if other != name and (
            other.startswith((f"{name}, ", f"{name} (", f"{name}–", f"{name}-")) or other.endswith(f" {name}")
            or other.startswith(f"{name} ") and "(" in other))

    lead = {fuller(m.name) for m in kept if m.role == "lead" and part_of_another(m.name)}
    return tuple(ActorMention(m.name, "lead") if m.name in lead else m for m in kept if not part_of_another(m.name))
