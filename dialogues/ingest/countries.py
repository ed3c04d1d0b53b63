"""Country names (with the variants reports use) to ISO 3166-1 alpha-2 codes, and a text scanner.

Names are matched case-sensitively as proper nouns, so "turkey" the bird or "chad" the verb do not
count, and "US" only counts in capitals.
"""

from __future__ import annotations

import re
from functools import lru_cache

# code: names. The first name is the short English name; variants follow.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "AF": ("Afghanistan",),
    "AL": ("Albania",),
    "DZ": ("Algeria",),
    "AD": ("Andorra",),
    "AO": ("Angola",),
    "AG": ("Antigua and Barbuda",),
    "AR": ("Argentina",),
    "AM": ("Armenia",),
    "AU": ("Australia",),
    "AT": ("Austria",),
    "AZ": ("Azerbaijan",),
    "BS": ("Bahamas",),
    "BH": ("Bahrain", "Kingdom of Bahrain"),
    "BD": ("Bangladesh",),
    "BB": ("Barbados",),
    "BY": ("Belarus",),
    "BE": ("Belgium", "Belgique"),
    "BZ": ("Belize",),
    "BJ": ("Benin",),
    "BT": ("Bhutan",),
    "BO": ("Bolivia",),
    "BA": ("Bosnia and Herzegovina",),
    "BW": ("Botswana",),
    "BR": ("Brazil",),
    "BN": ("Brunei", "Brunei Darussalam"),
    "BG": ("Bulgaria",),
    "BF": ("Burkina Faso",),
    "BI": ("Burundi",),
    "CV": ("Cabo Verde", "Cape Verde"),
    "KH": ("Cambodia", "Kingdom of Cambodia"),
    "CM": ("Cameroon",),
    "CA": ("Canada",),
    "CF": ("Central African Republic",),
    "TD": ("Chad",),
    "CL": ("Chile",),
    "CN": ("China", "People's Republic of China", "PRC"),
    "CO": ("Colombia",),
    "KM": ("Comoros",),
    "CG": ("Congo", "Republic of the Congo"),
    "CD": ("Democratic Republic of the Congo", "DR Congo", "DRC"),
    "CK": ("Cook Islands",),
    "CR": ("Costa Rica",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"),
    "HR": ("Croatia",),
    "CU": ("Cuba",),
    "CY": ("Cyprus",),
    "CZ": ("Czechia", "Czech Republic"),
    "DK": ("Denmark",),
    "DJ": ("Djibouti",),
    "DM": ("Dominica",),
    "DO": ("Dominican Republic",),
    "EC": ("Ecuador",),
    "EG": ("Egypt",),
    "SV": ("El Salvador",),
    "GQ": ("Equatorial Guinea",),
    "ER": ("Eritrea",),
    "EE": ("Estonia",),
    "SZ": ("Eswatini", "Swaziland"),
    "ET": ("Ethiopia",),
    "FJ": ("Fiji",),
    "FI": ("Finland",),
    "FR": ("France",),
    "GA": ("Gabon",),
    "GM": ("Gambia",),
    "GE": ("Georgia",),
    "DE": ("Germany",),
    "GH": ("Ghana",),
    "GR": ("Greece",),
    "GD": ("Grenada",),
    "GT": ("Guatemala",),
    "GN": ("Guinea",),
    "GW": ("Guinea-Bissau",),
    "GY": ("Guyana",),
    "HT": ("Haiti",),
    "HN": ("Honduras",),
    "HK": ("Hong Kong",),
    "HU": ("Hungary",),
    "IS": ("Iceland",),
    "IN": ("India",),
    "ID": ("Indonesia",),
    "IR": ("Iran", "Islamic Republic of Iran"),
    "IQ": ("Iraq",),
    "IE": ("Ireland",),
    "IL": ("Israel",),
    "IT": ("Italy",),
    "JM": ("Jamaica",),
    "JP": ("Japan",),
    "JO": ("Jordan",),
    "KZ": ("Kazakhstan",),
    "KE": ("Kenya",),
    "KI": ("Kiribati",),
    "KP": ("North Korea", "Democratic People's Republic of Korea", "DPRK"),
    "KR": ("South Korea", "Republic of Korea", "Korea"),
    "KW": ("Kuwait",),
    "KG": ("Kyrgyzstan", "Kyrgyz Republic"),
    "LA": ("Lao PDR", "Laos", "Lao People's Democratic Republic", "Lao People’s Democratic Republic",
           "LAO PDR", "Lao P.D.R."),
    "LV": ("Latvia",),
    "LB": ("Lebanon",),
    "LS": ("Lesotho",),
    "LR": ("Liberia",),
    "LY": ("Libya",),
    "LI": ("Liechtenstein",),
    "LT": ("Lithuania",),
    "LU": ("Luxembourg", "LUXEMBOURG", "Grand Duchy of Luxembourg"),
    "MO": ("Macao", "Macau"),
    "MG": ("Madagascar",),
    "MW": ("Malawi",),
    "MY": ("Malaysia",),
    "MV": ("Maldives",),
    "ML": ("Mali",),
    "MT": ("Malta",),
    "MH": ("Marshall Islands",),
    "MR": ("Mauritania",),
    "MU": ("Mauritius",),
    "MX": ("Mexico",),
    "FM": ("Micronesia", "Federated States of Micronesia"),
    "MD": ("Moldova",),
    "MC": ("Monaco",),
    "MN": ("Mongolia",),
    "ME": ("Montenegro",),
    "MA": ("Morocco",),
    "MZ": ("Mozambique",),
    "MM": ("Myanmar", "Burma"),
    "NA": ("Namibia",),
    "NR": ("Nauru",),
    "NP": ("Nepal",),
    "NL": ("Netherlands",),
    "NZ": ("New Zealand",),
    "NI": ("Nicaragua",),
    "NE": ("Niger",),
    "NG": ("Nigeria",),
    "NU": ("Niue",),
    "MK": ("North Macedonia",),
    "NO": ("Norway",),
    "OM": ("Oman",),
    "PK": ("Pakistan",),
    "PW": ("Palau",),
    "PS": ("Palestine", "State of Palestine"),
    "PA": ("Panama",),
    "PG": ("Papua New Guinea",),
    "PY": ("Paraguay",),
    "PE": ("Peru",),
    "PH": ("Philippines",),
    "PL": ("Poland",),
    "PT": ("Portugal",),
    "QA": ("Qatar",),
    "RO": ("Romania",),
    "RU": ("Russia", "Russian Federation"),
    "RW": ("Rwanda",),
    "KN": ("Saint Kitts and Nevis",),
    "LC": ("Saint Lucia",),
    "VC": ("Saint Vincent and the Grenadines",),
    "WS": ("Samoa",),
    "SM": ("San Marino",),
    "ST": ("Sao Tome and Principe",),
    "SA": ("Saudi Arabia",),
    "SN": ("Senegal",),
    "RS": ("Serbia",),
    "SC": ("Seychelles",),
    "SL": ("Sierra Leone",),
    "SG": ("Singapore",),
    "SK": ("Slovakia",),
    "SI": ("Slovenia",),
    "SB": ("Solomon Islands",),
    "SO": ("Somalia",),
    "ZA": ("South Africa",),
    "SS": ("South Sudan",),
    "ES": ("Spain",),
    "LK": ("Sri Lanka",),
    "SD": ("Sudan",),
    "SR": ("Suriname",),
    "SE": ("Sweden",),
    "CH": ("Switzerland",),
    "SY": ("Syria", "Syrian Arab Republic"),
    "TW": ("Taiwan",),
    "TJ": ("Tajikistan",),
    "TZ": ("Tanzania", "United Republic of Tanzania"),
    "TH": ("Thailand",),
    "TL": ("Timor-Leste", "East Timor"),
    "TG": ("Togo",),
    "TK": ("Tokelau",),
    "TO": ("Tonga",),
    "TT": ("Trinidad and Tobago",),
    "TN": ("Tunisia",),
    "TR": ("Türkiye", "Turkiye", "Turkey"),
    "TM": ("Turkmenistan",),
    "TV": ("Tuvalu",),
    "UG": ("Uganda",),
    "UA": ("Ukraine",),
    "AE": ("United Arab Emirates", "UAE"),
    "GB": ("United Kingdom", "UK", "U.K.", "Great Britain", "Britain"),
    "US": ("United States", "United States of America", "USA", "U.S.A.", "U.S.", "US"),
    "UY": ("Uruguay",),
    "UZ": ("Uzbekistan",),
    "VU": ("Vanuatu",),
    "VE": ("Venezuela",),
    "VN": ("Viet Nam", "Vietnam", "VIET NAM", "VIETNAM"),
    "YE": ("Yemen",),
    "ZM": ("Zambia",),
    "ZW": ("Zimbabwe",),
}

NAME_TO_CODE: dict[str, str] = {name: code for code, names in _COUNTRIES.items() for name in names}
CODES = frozenset(_COUNTRIES)
_LOWER_TO_CODE: dict[str, str] = {re.sub(r"[\s\-]+", " ", name).lower(): code for name, code in NAME_TO_CODE.items()}


_TOKEN_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"[\s\-]+")


def _first_word_index() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """Return first word -> [(regex of the whole name, code)], longest names first."""
    index: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
    for name, code in NAME_TO_CODE.items():
        words = _TOKEN_RE.findall(name)
        if words:
            pattern = re.compile(r"[\s\-.]{0,3}".join(re.escape(w) for w in words) + r"(?![\w]|-[A-Za-z])")
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


def find_countries(text: str) -> list[tuple[str, int, int]]:
    """Return (code, start, end) for every country name in the text, in order of appearance."""
    found: list[tuple[str, int, int]] = []
    if _FIRST_WORDS.keys().isdisjoint(_TOKEN_RE.findall(text)):
        return found  # most passages name no country: one set test instead of a word-by-word walk
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
    return found


def country_codes(text: str) -> tuple[str, ...]:
    """Return the distinct ISO codes of the countries a text names, in order of first mention."""
    return tuple(dict.fromkeys(code for code, _, _ in find_countries(text)))
