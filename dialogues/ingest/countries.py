"""Country names (ISO 3166-1 from pycountry, plus the variants reports use) to alpha-2 codes, and a
text scanner.

Names are matched case-sensitively as proper nouns, so "turkey" the bird or "chad" the verb do not
count, and "US" only counts in capitals.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

# The spellings reports use beyond ISO 3166's own names, the short English name first.
_VARIANTS: dict[str, tuple[str, ...]] = {
    "BE": ("Belgium", "Belgique"),
    "BN": ("Brunei", "Brunei Darussalam"),
    "CV": ("Cabo Verde", "Cape Verde"),
    "CN": ("China", "People's Republic of China", "PRC"),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire", 'Ivory Coast'),
    "SZ": ("Eswatini", "Swaziland"),
    "KP": ("North Korea", "Democratic People's Republic of Korea", "DPRK"),
    "KR": ("South Korea", "Republic of Korea", "Korea"),
    "LA": ("Lao PDR", "Laos", "Lao People's Democratic Republic", "Lao People’s Democratic Republic", "LAO PDR",
           "Lao P.D.R."),
    "LU": ("Luxembourg", "LUXEMBOURG", "Grand Duchy of Luxembourg"),
    "MO": ("Macao", "Macau"),
    "FM": ("Micronesia", "Federated States of Micronesia"),
    "MM": ("Myanmar", "Burma"),
    "PS": ("Palestine", "State of Palestine"),
    "RU": ("Russia", "Russian Federation"),
    "TL": ("Timor-Leste", "East Timor"),
    "TR": ("Türkiye", "Turkiye", "Turkey"),
    "AE": ("United Arab Emirates", "UAE"),
    "GB": ("United Kingdom", "UK", "U.K.", "Great Britain", "Britain"),
    "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S.", "US"),
    "VN": ("Viet Nam", "Vietnam", "VIET NAM", "VIETNAM"),
}


def _countries() -> dict[str, tuple[str, ...]]:
    """Return code -> names: ISO 3166-1 (pycountry's common, short and official names) plus the variants."""
    found: dict[str, tuple[str, ...]] = {}
    for country in pycountry.countries:
        names = [getattr(country, attribute, None) for attribute in ("common_name", "name", "official_name")]
        names = [n for n in dict.fromkeys(names) if n and "," not in n]
        variants = _VARIANTS.get(country.alpha_2, ())
        found[country.alpha_2] = tuple(dict.fromkeys([*variants, *names]))
    return found


_COUNTRIES = _countries()
NAME_TO_CODE: dict[str, str] = {name: code for code, names in _COUNTRIES.items() for name in names}
CODES = frozenset(_COUNTRIES)


def country_name(code: str) -> str:
    """Return the short English name of a country ("KH" -> "Cambodia"), or ""."""
    names = _COUNTRIES.get(code, ())
    return names[0] if names else ""
_LOWER_TO_CODE: dict[str, str] = {re.sub(r"[\s\-]+", " ", name).lower(): code for name, code in NAME_TO_CODE.items()}


_TOKEN_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"[\s\-]+")


def _first_word_index() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """Return first word -> [(regex of the whole name, code)], longest names first."""
    index: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
    for name, code in NAME_TO_CODE.items():
        words = _TOKEN_RE.findall(name)
        if words:
            pattern = re.compile(r"[\s\-.'’]{0,3}".join(re.escape(w) for w in words) + r"(?![\w]|-[A-Za-z])")
            index.setdefault(words[0], []).append((len(name), pattern, code))
    return {first: [(p, c) for _, p, c in sorted(found, key=lambda f: -f[0])] for first, found in index.items()}


# Looking names up from their first word is much faster than one regex alternation of three hundred
# names, and keeps "Democratic Republic of the Congo" ahead of "Congo", "Niger" apart from "Nigeria".
_FIRST_WORDS = _first_word_index()


@lru_cache(maxsize=8192)
def country_code(name: str) -> str:
    """Return the ISO alpha-2 code of a country name or variant ("Laos", "Viet Nam"), or ""."""
    cleaned = _SPACE_RE.sub(" ", name.strip().strip(".,;:")).strip()
    if cleaned.lower().startswith("the "):
        cleaned = cleaned[4:]
    if len(cleaned) <= 4:
        # Short forms ("US", "UK", "DRC") only count as written, never as the pronoun "us".
        return NAME_TO_CODE.get(cleaned, "")
    return NAME_TO_CODE.get(cleaned) or _LOWER_TO_CODE.get(cleaned.lower(), "")


@lru_cache(maxsize=4096)
def find_countries(text: str) -> tuple[tuple[str, int, int], ...]:
    """Return (code, start, end) for every country name in the text, in order of appearance.

    Cached: an item's countries and its actors are both read from the same text.
    """
    found: list[tuple[str, int, int]] = []
    if _FIRST_WORDS.keys().isdisjoint(_TOKEN_RE.findall(text)):
        return ()  # most passages name no country: one set test instead of a word-by-word walk
    resume = 0
    for token in _TOKEN_RE.finditer(text):
        if token.start() < resume:
            continue
        for pattern, code in _FIRST_WORDS.get(token.group(0), ()):
            match = pattern.match(text, token.start())
            if match:
                found.append((code, match.start(), match.end()))
                resume = match.end()
                break
    return tuple(found)


def country_codes(text: str) -> tuple[str, ...]:
    """Return the distinct ISO codes of the countries a text names, in order of first mention."""
    return tuple(dict.fromkeys(code for code, _, _ in find_countries(text)))
