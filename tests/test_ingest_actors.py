"""Actors: the gazetteer's forgiving lookup, subjects of "X should ...", lead-ins, names inside sentences.

Sentences are literal seed lines (AAAH = 002_..., Mekong = 000_...), read with the reader's own rules
(``dialogues.ingest.responsible`` for who is to act, ``parse.read_lead_in`` for lead-ins).
"""

from pathlib import Path

import pytest

from dialogues.ingest import default_gazetteer, load_gazetteer
from dialogues.ingest.countries import country_code, country_codes
from dialogues.ingest.parse import label_countries, read_lead_in
from dialogues.ingest.responsible import is_actor as reader_is_actor
from dialogues.ingest.responsible import item_actors

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(FIXTURES / "actors.toml")


def names(mentions, role):
    """Return the names of the mentions with a role, in order."""
    return [m.name for m in mentions if m.role == role]


# --- Gazetteer.resolve ---------------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "Mekong-U.S. Partnership", "Mekong - U.S. Partnership", "mekong-us partnership", "the MUSP", "MUSP",
    "The Mekong-U.S. Partnership",
])
def test_the_partnership_resolves_by_name_acronym_spacing_and_the(gazetteer, written):
    assert gazetteer.resolve(written).name == "Mekong-U.S. Partnership"


def test_an_acronym_resolves_both_ways(gazetteer):
    who = gazetteer.resolve("WHO")
    assert who.name == "World Health Organization" and who.acronym == "WHO"
    assert gazetteer.resolve("World Health Organisation") is who
    assert gazetteer.resolve("the AAAH").name == "Asia-Pacific Action Alliance on Human Resources for Health"
    assert gazetteer.resolve("Asia-Pacific Action Alliance on Human Resources for Health").acronym == "AAAH"
    assert gazetteer.resolve("CDC").name == "U.S. Centers for Disease Control and Prevention"
    assert gazetteer.resolve("SEAMEO-RIHED").acronym == "SEAMEO RIHED"


def test_resolving_ignores_case_and_a_plural_last_word(gazetteer):
    assert gazetteer.resolve("International donor") is gazetteer.resolve("INTERNATIONAL DONORS")
    assert gazetteer.resolve("Government").name == "Governments"
    assert gazetteer.resolve("University").name == "Universities"
    assert gazetteer.resolve("NGOs").name == "Non-governmental organizations"


def test_a_ministry_is_not_the_ministries_of_every_country(gazetteer):
    assert gazetteer.resolve("Ministries of Education").kind == "group"
    assert gazetteer.resolve("Ministry of Education") is None


def test_aliases_spelling_and_brackets_resolve(gazetteer):
    assert gazetteer.resolve("International Labour Organisation").name == "International Labour Organization"
    assert gazetteer.resolve("International Labor Organization").acronym == "ILO"
    assert gazetteer.resolve("Korean Institute for Health and Social Affairs").acronym == "KIHASA"
    nhib = gazetteer.resolve("National Health Insurance Board (NHIB)")
    assert nhib.name == "National Health Insurance Bureau (Lao PDR)"
    assert gazetteer.resolve("Zorblatt Midwifery Council") is None


def test_places_are_not_actors(gazetteer):
    # "The region" and "the wider world" say where an action reaches, not who takes it: the gazetteer has
    # no entry for them and the reader does not take them for actors, even as a subject.
    for place in ("the region", "Asia-Pacific region", "the wider world", "International community",
                  "Global community"):
        assert gazetteer.resolve(place) is None, place
    for place in ("the region", "the wider world", "the international community"):
        assert not reader_is_actor(place, gazetteer, subject=True), place


def test_entries_carry_kind_country_and_parent(gazetteer):
    moh = gazetteer.resolve("Ministry of Health (Lao PDR)")
    assert (moh.kind, moh.country, moh.parent) == ("ministry", "LA", "Government of Lao PDR")
    assert all(e.kind for e in gazetteer.entries)
    assert len({e.name for e in gazetteer.entries}) == len(gazetteer.entries)


def test_every_parent_is_itself_an_entry(gazetteer):
    names_known = {e.name for e in gazetteer.entries}
    assert {e.parent for e in gazetteer.entries if e.parent} <= names_known


def test_scanning_finds_the_longest_name_and_respects_case(gazetteer):
    found = gazetteer.scan("Through MUSP coordination, the CDC can work with the U.S. ASEAN Business Council; "
                           "researchers connect with Connect.")
    assert [(m.surface, m.entry.name) for m in found] == [
        ("MUSP", "Mekong-U.S. Partnership"),
        ("CDC", "U.S. Centers for Disease Control and Prevention"),
        ("U.S. ASEAN Business Council", "US-ASEAN Business Council"),
        ("Connect", "CONNECT"),
    ]


def test_scanning_does_not_take_a_possessive_or_a_sub_region_for_a_name(gazetteer):
    assert [m.surface for m in gazetteer.scan("Strengthen the WHO's role")] == ["WHO"]
    assert gazetteer.scan("across the Mekong sub-region") == []


# --- who an item makes responsible (dialogues.ingest.responsible) --------------------------------


def actors_of(text, gazetteer, addressees=()):
    """Return (name, role) for each actor the reader gives an item."""
    return [(a.name, a.role) for a in item_actors(text, gazetteer, addressees=list(addressees))]


def test_a_listed_subject_splits_into_three_actors(gazetteer):
    sentence = ("Private sector actors, tech companies, and international donors should subsidize teaching for "
                "women—and other affected and often underrepresented groups—to support upskilling and digital "
                "training.")
    assert actors_of(sentence, gazetteer) == [
        ("Private sector actors", "lead"), ("tech companies", "lead"), ("international donors", "lead")]


def test_two_subjects_joined_by_and_and_a_partner_alongside(gazetteer):
    sentence = ("NGOs and CSOs should work alongside local government to build awareness among migrant workers "
                "about regulations before they seek employment outside of their home country.")
    assert actors_of(sentence, gazetteer) == [("NGOs", "lead"), ("CSOs", "lead"), ("local government", "support")]


def test_the_members_of_a_dash_aside_in_the_subject_are_actors_too(gazetteer):
    sentence = ("Donors and implementing agencies—whether International NGOs, local NGOs, or other not-for-profit "
                "organizations—should incorporate a monitoring, evaluation, and learning component into project "
                "timelines.")
    assert names(item_actors(sentence, gazetteer, addressees=[]), "lead") == [
        "Donors", "implementing agencies", "International NGOs", "not-for-profit organizations"]


def test_an_example_in_the_subject_is_an_actor_too(gazetteer):
    sentence = "Donor partners like the United States should integrate soft skills training into existing programming."
    assert names(item_actors(sentence, gazetteer, addressees=[]), "lead") == ["Donor partners", "United States"]


def test_coordinated_adjectives_stay_one_actor(gazetteer):
    sentence = ("Government and non-government research institutions should ensure that gender-disaggregated data "
                "is collected, standardized, detailed, and shared with other stakeholders.")
    assert actors_of(sentence, gazetteer) == [("Government and non-government research institutions", "lead")]
    assert gazetteer.resolve("Government and non-government research institutions").name == "Research institutions"


def test_a_place_after_the_subject_is_dropped(gazetteer):
    sentence = ("Legislators in each Mekong country should incentivize employers through tax breaks or other "
                "financial considerations to provide such training when they adopt automation.")
    assert actors_of(sentence, gazetteer) == [("Legislators", "lead")]


def test_a_subject_of_can_leads(gazetteer):
    sentence = "Through MUSP coordination, the CDC can work with health ministries to develop vaccine systems."
    assert actors_of(sentence, gazetteer)[0] == ("CDC", "lead")


def test_a_passive_sentence_names_no_lead_and_falls_back_to_the_addressee(gazetteer):
    sentence = ("Where possible, vaccine production data should be made open source to improve the timely delivery "
                "of vaccines.")
    assert actors_of(sentence, gazetteer) == []
    assert actors_of(sentence, gazetteer, ["Governments"]) == [("Governments", "addressee")]


def test_pronouns_and_policies_are_not_actors(gazetteer):
    assert actors_of("It should be communicated clearly to destination countries.", gazetteer) == []
    policies = "Collaborative policies should not only address healthcare needs but also stimulate economic growth."
    assert actors_of(policies, gazetteer) == []


def test_an_unknown_body_with_an_acting_head_noun_is_an_actor(gazetteer):
    sentence = "The Zorblatt Midwifery Council should train midwives for rural clinics."
    assert actors_of(sentence, gazetteer) == [("Zorblatt Midwifery Council", "lead")]


# --- lead-ins ------------------------------------------------------------------------------------


def test_a_lead_in_names_its_subject_and_its_kind(gazetteer):
    who = read_lead_in("To improve the effectiveness of the WHO safeguard lists, the WHO should:", gazetteer)
    assert (who.role, who.kind, who.actors) == ("action", "", ("WHO",))
    will = read_lead_in("To support the region and the wider world, the AAAH will:", gazetteer)
    assert (will.kind, will.actors) == ("commitment", ("AAAH",))


def test_a_place_or_policies_in_a_lead_in_name_no_one(gazetteer):
    assert read_lead_in("To support regional collaboration, the region should:", gazetteer).actors == ()
    policies = "To bolster mutual benefits for countries among the region, the policies and agreements should:"
    assert read_lead_in(policies, gazetteer).actors == ()


def test_the_addressee_only_applies_when_the_text_names_no_lead(gazetteer):
    imperative = "Review and revise the list with an understanding of countries' unique contexts."
    assert actors_of(imperative, gazetteer, ["WHO"]) == [("WHO", "addressee")]
    named = "WHO should clearly communicate the rationale, criteria, and process for listing and delisting countries."
    assert actors_of(named, gazetteer, ["AAAH"]) == [("WHO", "lead")]


# --- countries -----------------------------------------------------------------------------------


def test_a_country_label_gives_countries_not_actors(gazetteer):
    text = ("Mongolia, Jordan, Bhutan and Samoa: enhance their local health infrastructure, invest in training "
            "programs, and improve healthcare services to bolster the overall resilience of health system.")
    assert label_countries(text) == ["MN", "JO", "BT", "WS"]
    assert actors_of(text, gazetteer) == []


def test_a_label_that_is_not_countries_is_not_a_country_list():
    assert label_countries("Language Barriers: Enhance support for language courses.") == []


@pytest.mark.parametrize(("name", "code"), [
    ("Lao PDR", "LA"), ("Laos", "LA"), ("Lao People's Democratic Republic", "LA"), ("Viet Nam", "VN"),
    ("Vietnam", "VN"), ("Timor-Leste", "TL"), ("Myanmar", "MM"), ("Türkiye", "TR"), ("Turkey", "TR"),
    ("the Philippines", "PH"), ("South Korea", "KR"), ("United Kingdom", "GB"), ("UK", "GB"), ("Samoa", "WS"),
])
def test_country_names_and_variants_have_iso_codes(name, code):
    assert country_code(name) == code


def test_countries_are_found_in_running_text_once_each_in_order():
    text = "underserved countries such as Laos and Cambodia, then Lao PDR again; Niger, not Nigeria's us"
    assert country_codes(text) == ("LA", "KH", "NE", "NG")


def test_the_default_gazetteer_is_the_fixture():
    assert {e.name for e in default_gazetteer().entries} == {
        e.name for e in load_gazetteer(FIXTURES / "actors.toml").entries}
