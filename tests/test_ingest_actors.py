"""Actors: the gazetteer's forgiving lookup, subjects of "X should ...", lead-ins, names inside sentences.

Sentences are literal seed lines (AAAH = 002_..., Mekong = 000_...). Subjects, lead-ins and labels are
read here with ``dialogues.ingest.actors``; the reader's own rules (``dialogues.ingest.responsible``) are
tested through ``parse_document`` in test_ingest_parse.py.
"""

from pathlib import Path

import pytest

from dialogues.ingest import ActorMention, default_gazetteer, load_gazetteer
from dialogues.ingest.actors import label_countries, lead_in_actors, recommendation_actors, subject_actors
from dialogues.ingest.countries import country_code, country_codes
from dialogues.ingest.responsible import is_actor as reader_is_actor

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


# --- subjects of modal sentences ---------------------------------------------------------------


def test_a_listed_subject_splits_into_three_actors(gazetteer):
    sentence = ("Private sector actors, tech companies, and international donors should subsidize teaching for "
                "women—and other affected and often underrepresented groups—to support upskilling and digital "
                "training.")
    actors, _ = subject_actors(sentence, gazetteer)
    assert actors == ("Private sector actors", "tech companies", "international donors")


def test_two_subjects_joined_by_and(gazetteer):
    sentence = ("NGOs and CSOs should work alongside local government to build awareness among migrant workers "
                "about regulations before they seek employment outside of their home country.")
    assert subject_actors(sentence, gazetteer)[0] == ("NGOs", "CSOs")


def test_a_dash_aside_inside_the_subject_is_not_an_actor(gazetteer):
    sentence = ("Donors and implementing agencies—whether International NGOs, local NGOs, or other not-for-profit "
                "organizations—should incorporate a monitoring, evaluation, and learning component into project "
                "timelines.")
    actors = recommendation_actors(sentence, gazetteer, [])
    assert names(actors, "lead") == ["Donors", "implementing agencies"]
    assert names(actors, "support") == []


def test_an_example_in_the_subject_is_an_actor_too(gazetteer):
    sentence = "Donor partners like the United States should integrate soft skills training into existing programming."
    assert subject_actors(sentence, gazetteer)[0] == ("Donor partners", "the United States")


def test_coordinated_adjectives_stay_one_actor(gazetteer):
    sentence = ("Government and non-government research institutions should ensure that gender-disaggregated data "
                "is collected, standardized, detailed, and shared with other stakeholders.")
    actors, _ = subject_actors(sentence, gazetteer)
    assert actors == ("Government and non-government research institutions",)
    assert gazetteer.resolve(actors[0]).name == "Research institutions"


def test_a_place_after_the_subject_is_dropped(gazetteer):
    sentence = ("Legislators in each Mekong country should incentivize employers through tax breaks or other "
                "financial considerations to provide such training when they adopt automation or do large-scale "
                "layoffs of workers.")
    assert subject_actors(sentence, gazetteer)[0] == ("Legislators",)


def test_actors_named_inside_the_sentence_support_the_subject(gazetteer):
    sentence = ("Through MUSP coordination, the CDC can work with Ministries of Health sto develop systems which more "
                "accurately estimate needs and prediction of use of vaccines and share best practices for educating "
                "vulnerable cohorts about the comprehensive benefits of vaccines.")
    actors = recommendation_actors(sentence, gazetteer, ["Somebody else"])
    assert actors == (ActorMention("the CDC", "lead"), ActorMention("MUSP", "support"),
                      ActorMention("Ministries of Health", "support"))


def test_an_agency_in_the_introductory_clause_supports_the_subjects(gazetteer):
    sentence = ("Through promoting engagement via the CDC and similar agencies, the MUSP and international donors can "
                "provide technical assistance and training for healthcare workers on modern systems and invest in new "
                "electronic systems that meet local needs.")
    actors = recommendation_actors(sentence, gazetteer, [])
    assert names(actors, "lead") == ["the MUSP", "international donors"]
    assert names(actors, "support") == ["CDC"]


def test_a_passive_sentence_names_no_lead_and_falls_back_to_the_addressee(gazetteer):
    sentence = ("Where possible, vaccine production data should be made open source to improve the timely delivery "
                "of vaccines.")
    assert subject_actors(sentence, gazetteer)[0] == ()
    assert recommendation_actors(sentence, gazetteer, []) == ()
    assert recommendation_actors(sentence, gazetteer, ["Governments"]) == (ActorMention("Governments", "addressee"),)


def test_pronouns_and_policies_are_not_actors(gazetteer):
    assert subject_actors("It should be communicated clearly to destination countries.", gazetteer)[0] == ()
    assert subject_actors("This would help governments such as Laos.", gazetteer)[0] == ()
    policies = ("Collaborative policies should not only address healthcare needs but also stimulate economic growth.")
    assert subject_actors(policies, gazetteer)[0] == ()


def test_an_unknown_body_with_an_acting_head_noun_is_an_actor(gazetteer):
    sentence = "The Zorblatt Midwifery Council should train midwives for rural clinics."
    assert subject_actors(sentence, gazetteer)[0] == ("The Zorblatt Midwifery Council",)


# --- lead-ins ------------------------------------------------------------------------------------


def test_a_lead_in_names_its_subject_and_modal(gazetteer):
    assert lead_in_actors("To improve the effectiveness of the WHO safeguard lists, the WHO should:", gazetteer) == (
        ["the WHO"], "should")
    assert lead_in_actors("To support regional collaboration, the region should:", gazetteer) == (["the region"],
                                                                                                   "should")
    assert lead_in_actors("To support the region and the wider world, the AAAH will:", gazetteer) == (["the AAAH"],
                                                                                                      "will")
    assert lead_in_actors("To support global collaboration, the region and the wider world should:", gazetteer) == (
        ["the region", "the wider world"], "should")


def test_policies_in_a_lead_in_name_no_one(gazetteer):
    lead_in = "To bolster mutual benefits for countries among the region, the policies and agreements should:"
    assert lead_in_actors(lead_in, gazetteer) == ([], "")


def test_the_addressee_only_applies_when_the_text_names_no_lead(gazetteer):
    imperative = "Review and revise the list with an understanding of countries' unique contexts."
    assert recommendation_actors(imperative, gazetteer, ["the WHO"]) == (ActorMention("the WHO", "addressee"),)
    named = "WHO should clearly communicate the rationale, criteria, and process for listing and delisting countries."
    assert recommendation_actors(named, gazetteer, ["the AAAH"]) == (ActorMention("WHO", "lead"),)


# --- countries -----------------------------------------------------------------------------------


def test_country_specific_actions_name_their_countries_as_leads(gazetteer):
    text = ("Mongolia, Jordan, Bhutan and Samoa: enhance their local health infrastructure, invest in training "
            "programs, and improve healthcare services to bolster the overall resilience of health system.")
    listed, rest = label_countries(text)
    assert listed == ["Mongolia", "Jordan", "Bhutan", "Samoa"] and rest.startswith("enhance")
    assert [country_code(n) for n in listed] == ["MN", "JO", "BT", "WS"]
    assert names(recommendation_actors(text, gazetteer, []), "lead") == listed


def test_a_label_that_is_not_countries_is_not_a_country_list():
    assert label_countries("Language Barriers: Enhance support for language courses.") == (
        [], "Language Barriers: Enhance support for language courses.")


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
