"""The reader's rules, one at a time, each on a few lines of report text written for the test.

Snippets are built with ``page(...)``: one argument per line, so line ``n`` of a snippet is its
``n``-th argument and every ``line_span`` below can be checked by counting.
"""

from datetime import date
from pathlib import Path

import pytest

from dialogues.ingest import IngestError, Sidecar, SourceDocument, load_gazetteer, parse_document
from dialogues.ingest.layout import CONTINUED_ROW, clean_lines
from dialogues.ingest.parse import action_reading, is_status, is_title, read_lead_in, reported
from dialogues.ingest.responsible import (
    cell_names,
    directive_object,
    infinitive_subject,
    is_actor,
    item_actors,
    named_organisations,
    organisation_acronyms,
    owner_names,
    subject_actors,
)
from dialogues.ingest.sections import DOCUMENT, heading_role, section_tree
from dialogues.ingest.structure import split_blocks
from dialogues.ingest.text import join_wrapped

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer(FIXTURES / "actors.toml")


def page(*lines: str) -> str:
    """Return report text with one argument per line (line n is the n-th argument)."""
    return "\n".join(lines) + "\n"


def parse(text: str, gazetteer):
    """Return the parsed document of a snippet with a minimal sidecar."""
    source = SourceDocument(path=Path("snippet.txt"), text=text, checksum="",
                            sidecar=Sidecar(title="Snippet", kind="policy dialogue", start_date=date(2025, 3, 4)))
    return parse_document(source, gazetteer=gazetteer)


def items(text: str, gazetteer):
    """Return the recommendations the reader takes from a snippet."""
    return parse(text, gazetteer).recommendations


def blocks(text: str) -> list[tuple[str, int, int, str]]:
    """Return each block of a snippet as (kind, first line, last line, text)."""
    return [(b.kind, b.start, b.end, b.text) for b in split_blocks(text)]


def headings(text: str) -> list[tuple[int, str, int]]:
    """Return each heading of a snippet as (line, text, level)."""
    found = split_blocks(text)
    placed = section_tree(found, clean_lines(text), DOCUMENT)
    return [(b.start, b.text, s.level) for b, s in zip(found, placed, strict=True) if b.kind == "heading"]


def actors(mentions) -> list[tuple[str, str]]:
    """Return actor mentions as (name, role) pairs."""
    return [(m.name, m.role) for m in mentions]


# --- structure: page furniture and contents --------------------------------------------------------


def test_a_running_header_with_its_page_number_is_removed():
    text = page(
        "Summary Record   2",
        "",
        "The forum opened with a minute of silence for the flood victims.",
        "",
        "Summary Record   3",
        "",
        "Delegates reviewed the storage figures for the three main dams.",
        "",
        "Summary Record   4",
        "",
        "The chair closed the forum at noon.",
    )
    assert blocks(text) == [
        ("paragraph", 3, 3, "The forum opened with a minute of silence for the flood victims."),
        ("paragraph", 7, 7, "Delegates reviewed the storage figures for the three main dams."),
        ("paragraph", 11, 11, "The chair closed the forum at noon."),
    ]


def test_a_running_footer_is_removed():
    text = page(
        "The forum opened with a minute of silence for the flood victims.",
        "",
        "Dry Season Forum | Page 1",
        "",
        "Delegates reviewed the storage figures for the three main dams.",
        "",
        "Dry Season Forum | Page 2",
        "",
        "The chair closed the forum at noon.",
        "",
        "Dry Season Forum | Page 3",
    )
    assert [b[3] for b in blocks(text)] == [
        "The forum opened with a minute of silence for the flood victims.",
        "Delegates reviewed the storage figures for the three main dams.",
        "The chair closed the forum at noon.",
    ]


def test_bare_page_numbers_are_removed():
    text = page(
        "The forum opened with a minute of silence for the flood victims.",
        "",
        "- 2 -",
        "",
        "Delegates reviewed the storage figures for the three main dams.",
        "",
        "Page 3",
        "",
        "The chair closed the forum at noon.",
        "",
        "14",
    )
    assert clean_lines(text)[2] == "" and clean_lines(text)[6] == "" and clean_lines(text)[10] == ""
    assert [(b[0], b[1]) for b in blocks(text)] == [("paragraph", 1), ("paragraph", 5), ("paragraph", 9)]


def test_a_form_feed_starting_a_page_does_not_shift_later_line_numbers(gazetteer):
    # Text exported page by page puts a form feed in front of each new page's first line.
    text = page(
        "AGREED ACTIONS",
        "",
        "- Publish weekly reservoir levels for the three main dams.",
        "",
        "3",
        "\fAGREED ACTIONS (continued)",
        "",
        "- Train commune officers in drought reporting.",
    )
    assert [(r.text, r.line_span) for r in items(text, gazetteer)] == [
        ("Publish weekly reservoir levels for the three main dams.", (3, 3)),
        ("Train commune officers in drought reporting.", (8, 8)),
    ]


def test_a_dotted_leader_table_of_contents_is_skipped(gazetteer):
    text = page(
        "Contents",
        "",
        "1. Background ........................ 2",
        "2. Agreed actions .................... 5",
        "3. List of participants ............... 9",
        "",
        "1. BACKGROUND",
        "",
        "The forum met in Pakse on 4 and 5 March.",
    )
    assert clean_lines(text)[:6] == ["", "", "", "", "", ""]
    assert blocks(text) == [("heading", 7, 7, "1. BACKGROUND"),
                            ("paragraph", 9, 9, "The forum met in Pakse on 4 and 5 March.")]


# --- structure: wrapped words ------------------------------------------------------------------------


def test_a_word_hyphenated_across_lines_is_joined():
    text = page(
        "Basin committees discussed ways of strengthen-",
        "ing drought planning in the lower basin.",
    )
    assert blocks(text) == [
        ("paragraph", 1, 2, "Basin committees discussed ways of strengthening drought planning in the lower basin.")]


def test_a_prefix_hyphenated_across_lines_keeps_its_hyphen():
    text = page(
        "Basin committees discussed the role of non-",
        "governmental groups in drought planning.",
    )
    assert blocks(text) == [
        ("paragraph", 1, 2, "Basin committees discussed the role of non-governmental groups in drought planning.")]


def test_joining_wrapped_fragments_glues_a_broken_word_and_keeps_a_prefix():
    assert join_wrapped(["to strengthen-", "ing the role of non-", "governmental groups"]) == (
        "to strengthening the role of non-governmental groups")


# --- structure: headings -----------------------------------------------------------------------------


def test_numbered_headings_are_recognised_with_their_levels():
    text = page(
        "1. Introduction",
        "",
        "The forum met in Pakse.",
        "",
        "1.1 Scope of the forum",
        "",
        "It covered the dry season.",
        "",
        "5.2 Drought preparedness",
        "",
        "Provinces shared their plans.",
        "",
        "IV. Water allocation",
        "",
        "Storage was low.",
        "",
        "A. Upstream reservoirs",
        "",
        "Three were below their rule curve.",
        "",
        "Session 3: Financing adaptation",
        "",
        "Two banks presented.",
    )
    assert headings(text) == [
        (1, "1. Introduction", 1),
        (5, "1.1 Scope of the forum", 2),
        (9, "5.2 Drought preparedness", 2),
        (13, "IV. Water allocation", 1),
        (17, "A. Upstream reservoirs", 2),
        (21, "Session 3: Financing adaptation", 1),
    ]


def test_a_line_in_capitals_is_a_top_level_heading():
    text = page("FINDINGS OF THE REVIEW", "", "Storage was low in all three reservoirs.")
    assert headings(text) == [(1, "FINDINGS OF THE REVIEW", 1)]


def test_markdown_hashes_make_headings_with_their_depth():
    text = page("# Way forward", "", "## Monitoring", "", "The secretariat keeps the register.")
    assert headings(text) == [(1, "Way forward", 1), (3, "Monitoring", 2)]


def test_a_short_line_right_over_bullets_is_a_heading():
    text = page(
        "Follow-up",
        "- Publish the minutes within a month.",
        "- Circulate the draft plan to members.",
    )
    assert blocks(text) == [
        ("heading", 1, 1, "Follow-up"),
        ("item", 2, 2, "Publish the minutes within a month."),
        ("item", 3, 3, "Circulate the draft plan to members."),
    ]


# --- structure: labelled items -----------------------------------------------------------------------


def test_r_numbers_and_recommendation_labels_start_numbered_items():
    text = page(
        "R1. Basin agencies should publish weekly reservoir levels.",
        "R2. Irrigation boards should agree a shared water calendar.",
        "",
        "Recommendation 3: Provincial authorities should map the wells of smallholders.",
    )
    found = split_blocks(text)
    assert [(b.kind, b.start, b.number, b.text) for b in found] == [
        ("item", 1, 1, "Basin agencies should publish weekly reservoir levels."),
        ("item", 2, 2, "Irrigation boards should agree a shared water calendar."),
        ("item", 4, 3, "Provincial authorities should map the wells of smallholders."),
    ]


def test_lettered_and_roman_labels_start_sub_items():
    text = page(
        "- The secretariat should report by June on:",
        "(a) the flood early warning pilot;",
        "(iv) the fisheries census.",
    )
    found = split_blocks(text)
    assert [(b.kind, b.start, b.depth, b.text) for b in found] == [
        ("item", 1, 0, "The secretariat should report by June on:"),
        ("item", 2, 1, "the flood early warning pilot;"),
        ("item", 3, 1, "the fisheries census."),
    ]


# --- structure: tables -------------------------------------------------------------------------------


ACTION_TABLE = page(
    "AGREED ACTIONS",                                                                             # 1
    "",
    "| Action | Lead | Timeline |",                                                              # 3
    "|---|---|---|",
    "| Publish weekly reservoir levels for the three | Basin Water Agency | 2025 |",             # 5
    "| main dams | | |",                                                                         # 6
    "| Train commune officers in drought reporting | Provincial Department of Agriculture | Q2 2025 |",
    "",
    "4",                                                                                          # 9
    "",
    "Table 2 (continued)",                                                                        # 11
    "",
    "| Action | Lead | Timeline |",                                                              # 13
    "|---|---|---|",
    "| Set up a shared portal for tributary flows | Mekong River Commission | 2026 |",           # 15
)


def test_a_pipe_table_row_broken_over_two_lines_is_one_row():
    rows = [b for b in split_blocks(ACTION_TABLE) if b.kind == "table"]
    assert (rows[1].start, rows[1].end, rows[1].cells) == (
        5, 6, ("Publish weekly reservoir levels for the three main dams", "Basin Water Agency", "2025"))


def test_a_pipe_table_header_repeated_after_a_page_break_is_dropped():
    rows = [b for b in split_blocks(ACTION_TABLE) if b.kind == "table"]
    assert [(r.start, r.cells[0]) for r in rows] == [
        (3, "Action"),
        (5, "Publish weekly reservoir levels for the three main dams"),
        (7, "Train commune officers in drought reporting"),
        (15, "Set up a shared portal for tributary flows"),
    ]


def test_a_continued_table_caption_is_dropped():
    assert [b for b in blocks(ACTION_TABLE) if b[0] != "table"] == [("heading", 1, 1, "AGREED ACTIONS")]


ALIGNED_TABLE = page(
    "NEXT STEPS",
    "",
    "Action                                   Responsible              Deadline",
    "Draft the regional drought protocol      Basin Secretariat        June 2025",
    "and circulate it to members",
    "Hold a donor round table on storage      Ministry of Finance      2026",
)


def test_a_column_aligned_table_becomes_pipe_rows():
    assert clean_lines(ALIGNED_TABLE)[2:6] == [
        "| Action | Responsible | Deadline |",
        "| Draft the regional drought protocol and circulate it to members | Basin Secretariat | June 2025 |",
        CONTINUED_ROW,
        "| Hold a donor round table on storage | Ministry of Finance | 2026 |",
    ]


def test_a_column_aligned_table_gives_one_item_per_row_with_its_responsible(gazetteer):
    assert [(r.text, actors(r.actors)) for r in items(ALIGNED_TABLE, gazetteer)] == [
        ("Draft the regional drought protocol and circulate it to members", [("Basin Secretariat", "lead")]),
        ("Hold a donor round table on storage", [("Ministry of Finance", "lead")]),
    ]


def test_an_item_from_a_wrapped_aligned_row_spans_both_its_lines(gazetteer):
    # The first row's text runs from line 4 onto line 5.
    assert [r.line_span for r in items(ALIGNED_TABLE, gazetteer)] == [(4, 5), (6, 6)]


# --- section roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "kind"), [
    ("Agreed actions", "commitment"),
    ("The way forward", "commitment"),
    ("Next steps", "commitment"),
    ("Commitments", "commitment"),
    ("Priorities for 2026", "priority"),
    ("Recommendations to basin states", "recommendation"),
])
def test_a_heading_naming_actions_opens_an_action_section(heading, kind):
    role, found_kind, _ = heading_role(heading)
    assert (role, found_kind) == ("action", kind)


def test_the_status_of_earlier_actions_is_evidence():
    assert heading_role("Status of last year's actions")[0] == "evidence"


@pytest.mark.parametrize("heading", ["Contents", "Acronyms", "List of participants"])
def test_front_and_back_matter_is_skipped(heading):
    assert heading_role(heading)[0] == "skip"


def test_a_heading_naming_nothing_has_no_role_of_its_own():
    assert heading_role("Groundwater in the delta") is None


def test_a_neutral_sub_heading_inherits_its_parents_role(gazetteer):
    text = page(
        "3. Recommendations",
        "",
        "3.1 Groundwater",
        "",
        "- A census of the wells used by smallholder farmers in each district.",
    )
    parsed = parse(text, gazetteer)
    assert parsed.explanation[1] == "line 3: '3.1 Groundwater' - action (inherited from 3. Recommendations)"
    assert [(r.text, r.section, r.rule) for r in parsed.recommendations] == [
        ("A census of the wells used by smallholder farmers in each district.", "Groundwater", "action-item")]


def test_a_top_level_heading_after_an_action_section_does_not_inherit_it(gazetteer):
    text = page(
        "3. Recommendations",
        "",
        "- A census of the wells used by smallholder farmers in each district.",
        "",
        "4. Groundwater in the delta",
        "",
        "- A census of the wells used by smallholder farmers in each district.",
    )
    parsed = parse(text, gazetteer)
    assert parsed.explanation[1] == "line 5: '4. Groundwater in the delta' - mixed (inherited from the document)"
    assert [r.line_span for r in parsed.recommendations] == [(3, 3)]


# --- recognisers: what reads as an action ------------------------------------------------------------


def test_a_should_sentence_with_a_subject_is_a_modal_recommendation(gazetteer):
    assert action_reading("Provincial water offices should publish the canal schedule.", gazetteer) == (
        "", "modal-sentence")


def test_a_must_sentence_with_a_subject_is_a_modal_recommendation(gazetteer):
    assert action_reading("Provincial governments must budget for canal maintenance every year.", gazetteer) == (
        "", "modal-sentence")


def test_a_need_to_sentence_with_a_subject_is_a_modal_recommendation(gazetteer):
    assert action_reading("Coastal provinces need to update their evacuation maps before the cyclone season.",
                          gazetteer) == ("", "modal-sentence")


def test_an_are_encouraged_to_sentence_is_a_modal_recommendation(gazetteer):
    assert action_reading("Farmer cooperatives are encouraged to pool their grain storage.", gazetteer) == (
        "", "modal-sentence")


@pytest.mark.parametrize("sentence", [
    "Dam operators should release environmental flows during spawning.",
    "Research institutes should share their sediment data.",
])
def test_a_modal_sentence_whose_subject_starts_with_a_verb_like_noun_is_still_modal(gazetteer, sentence):
    # "Dam" and "Research" can be verbs, but here they qualify the subject of "should".
    assert action_reading(sentence, gazetteer) == ("", "modal-sentence")


def test_a_subject_ending_in_states_is_not_reported_speech(gazetteer):
    sentence = "Riparian states should notify each other before building new dams."
    assert reported(sentence) is False
    assert action_reading(sentence, gazetteer) == ("", "modal-sentence")


def test_a_will_sentence_with_a_subject_is_a_commitment(gazetteer):
    assert action_reading("The Ministry will publish the revised allocation rules by March.", gazetteer) == (
        "commitment", "commitment-sentence")


def test_participants_agreeing_to_act_is_a_commitment(gazetteer):
    assert action_reading("Participants agreed to meet again before the next monsoon.", gazetteer) == (
        "commitment", "commitment-sentence")


def test_a_will_sentence_in_a_mixed_section_gives_a_commitment_item(gazetteer):
    text = page("OUTCOMES", "", "Water utilities will publish tariffs for every district by 2026.")
    assert [(r.kind, r.rule, r.line_span) for r in items(text, gazetteer)] == [
        ("commitment", "commitment-sentence", (3, 3))]


def test_an_imperative_item_is_an_action(gazetteer):
    assert action_reading("Publish the reservoir operating rules on the commission website.", gazetteer) == (
        "", "imperative")


def test_an_operative_paragraph_is_an_action_addressed_to_its_object(gazetteer):
    text = "Urges Member States to ratify the watercourses convention;"
    assert action_reading(text, gazetteer) == ("", "operative-paragraph")
    assert directive_object(text, gazetteer) == ["Member States"]


@pytest.mark.parametrize("text", [
    "Recalling the 1995 agreement on the sustainable development of the basin,",
    "Noting with concern the decline in fish catches in the lower basin,",
])
def test_a_preambular_paragraph_is_not_an_action(gazetteer, text):
    assert action_reading(text, gazetteer) is None


def test_a_resolution_yields_its_operative_paragraphs_only(gazetteer):
    text = page(
        "RESOLUTION ON SHARED RIVERS",
        "",
        "Recalling the 1995 agreement on the sustainable development of the basin,",
        "",
        "Noting with concern the decline in fish catches in the lower basin,",
        "",
        "1. Urges Member States to ratify the watercourses convention;",
        "",
        "2. Requests the secretariat to report on progress at the next session;",
    )
    assert [(r.text, r.line_span, r.rule, actors(r.actors)) for r in items(text, gazetteer)] == [
        ("Urges Member States to ratify the watercourses convention;", (7, 7), "operative-paragraph",
         [("Member States", "lead")]),
        ("Requests the secretariat to report on progress at the next session;", (9, 9), "operative-paragraph",
         [("secretariat", "lead")]),
    ]


def test_a_lead_in_names_its_subject(gazetteer):
    lead_in = read_lead_in("To prepare for the next dry season, river basin committees should:", gazetteer)
    assert (lead_in.role, lead_in.actors) == ("action", ("river basin committees",))


def test_a_lead_in_gives_its_items_its_subject_as_actor(gazetteer):
    text = page(
        "RECOMMENDATIONS",
        "",
        "To prepare for the next dry season, river basin committees should:",
        "",
        "- Publish weekly reservoir levels.",
        "- Agree a shared water calendar with hydropower operators.",
    )
    assert [(r.text, r.rule, actors(r.actors)) for r in items(text, gazetteer)] == [
        ("Publish weekly reservoir levels.", "lead-in-item", [("river basin committees", "lead")]),
        ("Agree a shared water calendar with hydropower operators.", "lead-in-item",
         [("river basin committees", "lead"), ("hydropower operators", "support")]),
    ]


def test_an_infinitive_action_names_its_subject(gazetteer):
    text = "National statistical offices to include irrigation water use in the farm census."
    assert action_reading(text, gazetteer) == ("", "infinitive-action")
    assert infinitive_subject(text, gazetteer) == ["National statistical offices"]


def test_a_table_of_recommendations_gives_one_item_per_row_with_its_lead_column(gazetteer):
    text = page(
        "KEY MESSAGES",
        "",
        "| Recommendation | Responsible |",
        "|---|---|",
        "| Publish dry-season release schedules | Dam operators; Provincial Department of Water Resources |",
        "| Fund village drought committees | Ministry of Finance, with support from the World Bank |",
    )
    assert [(r.text, r.line_span, r.rule, actors(r.actors)) for r in items(text, gazetteer)] == [
        ("Publish dry-season release schedules", (5, 5), "table-row",
         [("Dam operators", "lead"), ("Provincial Department of Water Resources", "lead")]),
        ("Fund village drought committees", (6, 6), "table-row",
         [("Ministry of Finance", "lead"), ("World Bank", "support")]),
    ]


def test_a_table_of_earlier_recommendations_with_their_status_gives_none(gazetteer):
    text = page(
        "RECOMMENDATIONS",
        "",
        "| Recommendation (2023) | Status |",
        "|---|---|",
        "| Publish dry-season release schedules | Completed |",
        "| Fund village drought committees | In progress |",
    )
    assert items(text, gazetteer) == ()


def test_a_status_table_that_also_names_leads_gives_none(gazetteer):
    text = page(
        "RECOMMENDATIONS OF THE 2023 FORUM",
        "",
        "| Recommendation | Lead | Status |",
        "|---|---|---|",
        "| Publish dry-season release schedules | Dam operators | Completed |",
        "| Fund village drought committees | Ministry of Finance | In progress |",
    )
    assert [(r.text, r.rule) for r in items(text, gazetteer)] == []


# --- recognisers: what is not an item ----------------------------------------------------------------


def test_quoted_speech_is_not_an_item(gazetteer):
    sentence = "\"Operators should warn villages before every release,\" said the Minister."
    assert reported(sentence) is True
    assert items(page("RECOMMENDATIONS", "", f"- {sentence}"), gazetteer) == ()


def test_an_attributed_view_is_not_an_item(gazetteer):
    sentence = "Participants noted that governments should invest more in storage."
    assert reported(sentence) is True
    assert items(page("RECOMMENDATIONS", "", f"- {sentence}"), gazetteer) == ()


def test_an_earlier_recommendation_with_its_status_is_not_an_item(gazetteer):
    text = "Recommendation 2 (2023) on shared flood forecasts: implemented."
    assert is_status(text) is True
    parsed = parse(page("RECOMMENDATIONS", "", f"- {text}"), gazetteer)
    assert parsed.recommendations == ()
    assert parsed.explanation[1] == (
        "lines 3-3: not taken (earlier recommendation with its status): "
        "'Recommendation 2 (2023) on shared flood forecasts: implemented.'")


def test_a_statement_of_fact_in_an_action_section_is_not_an_item(gazetteer):
    parsed = parse(page("RECOMMENDATIONS", "", "- Seventy delegates attended the forum in Vientiane."), gazetteer)
    assert parsed.recommendations == ()
    assert parsed.explanation[1] == (
        "lines 3-3: not taken (a statement of fact): 'Seventy delegates attended the forum in Vientiane.'")


def test_a_title_case_heading_set_as_a_bullet_is_not_an_item(gazetteer):
    assert is_title("Sediment Management and River Health") is True
    text = page(
        "RECOMMENDATIONS",
        "",
        "- Sediment Management and River Health",
        "- Dredging contractors should report the volumes they remove.",
    )
    assert [(r.line_span, r.section) for r in items(text, gazetteer)] == [
        ((4, 4), "Sediment Management and River Health")]


# --- actors ------------------------------------------------------------------------------------------


def test_a_trailing_bracket_of_acronyms_names_the_leads(gazetteer):
    found = item_actors("Publish the clinic waiting times every month (MoH, WHO).", gazetteer, addressees=[])
    assert actors(found) == [("MoH", "lead"), ("WHO", "lead")]


def test_a_trailing_dash_names_the_lead(gazetteer):
    found = item_actors("Set up a drought insurance scheme for rice farmers — Ministry of Finance", gazetteer,
                        addressees=[])
    assert actors(found) == [("Ministry of Finance", "lead")]


def test_lead_and_support_labels_name_leads_and_supports(gazetteer):
    leads, supports, rest = owner_names(
        "Map the wells of each district. Lead: Ministry of Agriculture; Support: FAO, World Bank", gazetteer)
    assert (leads, supports) == (["Ministry of Agriculture"], ["FAO", "World Bank"])
    assert rest == "Map the wells of each district."


def test_an_owner_cell_separates_the_lead_from_its_supporters(gazetteer):
    assert cell_names("Ministry of Labour, with support from the ILO", gazetteer) == (["Ministry of Labour"], ["ILO"])


def test_a_coordinated_subject_gives_both_actors(gazetteer):
    found = item_actors("WHO and the OECD should publish a joint review of water-borne disease.", gazetteer,
                        addressees=[])
    assert actors(found) == [("WHO", "lead"), ("OECD", "lead")]


def test_a_dash_aside_in_the_subject_gives_its_members(gazetteer):
    found = item_actors("Civil society — farmer unions, women's groups — should take part in basin planning.",
                        gazetteer, addressees=[])
    assert actors(found) == [("Civil society", "lead"), ("farmer unions", "lead"), ("women's groups", "lead")]


@pytest.mark.parametrize("subject", ["Dam operators", "Coastal provinces"])
def test_an_unknown_subject_of_a_modal_verb_is_an_actor(gazetteer, subject):
    assert gazetteer.resolve(subject) is None
    assert subject_actors(subject, gazetteer) == [subject]
    found = item_actors(f"{subject} should prepare a drought contingency plan.", gazetteer, addressees=[])
    assert actors(found) == [(subject, "lead")]


@pytest.mark.parametrize("subject", ["the region", "the international community"])
def test_a_place_is_not_an_actor(gazetteer, subject):
    assert is_actor(subject, gazetteer, subject=True) is False
    assert item_actors(f"{subject.capitalize()} should prepare a drought contingency plan.", gazetteer,
                       addressees=[]) == ()


def test_a_country_list_label_gives_countries_not_actors(gazetteer):
    text = page("RECOMMENDATIONS", "", "- Mongolia, Jordan: strengthen the monitoring of groundwater abstraction.")
    assert [(r.actors, r.countries) for r in items(text, gazetteer)] == [((), ("MN", "JO"))]


def test_the_government_of_a_country_is_an_actor(gazetteer):
    found = item_actors("Pilot drought insurance in Kampot, supported by the Government of Cambodia.", gazetteer,
                        addressees=[])
    assert actors(found) == [("Government of Cambodia", "support")]


def test_the_government_of_a_country_with_an_acronym_in_its_name_is_named_once(gazetteer):
    found = item_actors("Pilot index-based drought insurance with the Government of Lao PDR.", gazetteer,
                        addressees=[])
    assert actors(found) == [("Government of Lao PDR", "support")]


def test_an_organisation_named_inside_the_text_supports(gazetteer):
    found = item_actors("Map saline intrusion jointly with the Vietnam Academy for Water Resources by 2026.",
                        gazetteer, addressees=[])
    assert actors(found) == [("Vietnam Academy for Water Resources", "support")]


def test_an_organisation_named_at_the_end_of_a_sentence_leaves_the_full_stop_out(gazetteer):
    found = item_actors("Map saline intrusion in the delta jointly with the Vietnam Academy for Water Resources.",
                        gazetteer, addressees=[])
    assert actors(found) == [("Vietnam Academy for Water Resources", "support")]


DEFINITIONS = ("The Tonle Sap Fisheries Authority (TSFA) reported on the shortage of human resources "
               "for health (HRH) in floating villages.")


def test_an_acronym_defined_for_an_organisation_is_an_actor(gazetteer):
    acronyms = organisation_acronyms(DEFINITIONS)
    assert sorted(acronyms) == ["TSFA"]
    assert named_organisations("Publish the catch figures each quarter with the TSFA.", gazetteer, [],
                               acronyms) == ["TSFA"]


def test_an_acronym_defined_for_a_thing_is_not_an_actor(gazetteer):
    acronyms = organisation_acronyms(DEFINITIONS)
    assert "HRH" not in acronyms
    assert item_actors("Close the HRH gap in the floating villages.", gazetteer, addressees=[],
                       acronyms=acronyms) == ()


def test_local_government_and_governments_stay_different_actors(gazetteer):
    found = item_actors("Local government should maintain village canals. Governments should fund their repair.",
                        gazetteer, addressees=[])
    assert actors(found) == [("Local government", "lead"), ("Governments", "lead")]


@pytest.mark.parametrize("fragment", [
    "explore with unions how to reach migrant workers",
    "review with farmers whether the alerts arrive in time",
])
def test_a_fragment_starting_with_a_verb_is_never_an_actor(gazetteer, fragment):
    text = f"Strengthen heat protection for outdoor workers ({fragment})."
    assert is_actor(fragment, gazetteer) is False
    assert is_actor(fragment, gazetteer, subject=True) is False
    assert owner_names(text, gazetteer) == ([], [], text)
    assert item_actors(text, gazetteer, addressees=[]) == ()


# --- what every item carries -------------------------------------------------------------------------


def test_each_item_carries_its_kind_lines_and_rule(gazetteer):
    text = page(
        "PRIORITIES FOR 2026",                                                    # 1
        "",
        "- Dredging contractors should report the volumes",                       # 3
        "  they remove from the river bed.",                                      # 4
        "- Publish the reservoir operating rules on the commission website.",     # 5
        "",
        "NEXT STEPS",                                                             # 7
        "",
        "The Ministry will publish the revised allocation rules by March.",       # 9
    )
    assert [(r.kind, r.line_span, r.rule) for r in items(text, gazetteer)] == [
        ("priority", (3, 4), "modal-sentence"),
        ("priority", (5, 5), "imperative"),
        ("commitment", (9, 9), "commitment-sentence"),
    ]


def test_the_explanation_names_each_sections_role(gazetteer):
    text = page(
        "1. Background",
        "",
        "The forum met in Pakse on 4 and 5 March.",
        "",
        "2. Recommendations",
        "",
        "- Dredging contractors should report the volumes they remove.",
        "",
        "Annex 1. List of participants",
        "",
        "Forty-two people took part; their names are kept by the secretariat.",
    )
    assert parse(text, gazetteer).explanation == (
        "line 1: '1. Background' - evidence (Background)",
        "line 5: '2. Recommendations' - action (Recommendations)",
        "line 9: 'Annex 1. List of participants' - skip (List of participants)",
    )


def test_a_table_ruled_under_its_header_is_cut_at_the_rules_columns_and_wrapped_cells_joined():
    text = page(
        "  No.  Task                          Owner          With            Due",
        "  ---  ----------------------------  -------------  --------------  --------",
        "  1    Publish the river gauge data  Basin Water    Provincial      Jun 2026",
        "       every week on the website     Agency         offices",
        "  2    Train ten commune officers    Water Users    —               2027",
        "",
        "Page 2 of 3                                   Annual Review",
        "",
        "  3    Repair the two intakes        Irrigation     Farmer groups   Dec 2026",
        "",
        "The next review is in June.",
    )
    cleaned = clean_lines(text)
    assert cleaned[0] == "| No. | Task | Owner | With | Due |"
    assert cleaned[2] == ("| 1 | Publish the river gauge data every week on the website | Basin Water Agency | "
                          "Provincial offices | Jun 2026 |")
    assert cleaned[3] == CONTINUED_ROW
    assert cleaned[4] == "| 2 | Train ten commune officers | Water Users | — | 2027 |"
    assert cleaned[8] == "| 3 | Repair the two intakes | Irrigation | Farmer groups | Dec 2026 |"
    assert cleaned[10] == "The next review is in June."  # prose after the table is not a row


def test_a_ruled_table_with_the_number_inside_the_first_cell_joins_its_hanging_lines():
    text = page(
        "Action                             Responsible             By when",
        "---------------------------------  ----------------------  -------",
        "1.  Map the deep pools of the      River Fisheries Office  2026",
        "    three rivers",
        "",
        "2.  Close two pools each season    Village committees      2027",
        "",
        "Table 2 (continued)",
    )
    cleaned = clean_lines(text)
    assert cleaned[2] == "| 1. Map the deep pools of the three rivers | River Fisheries Office | 2026 |"
    assert cleaned[3] == CONTINUED_ROW
    assert cleaned[5] == "| 2. Close two pools each season | Village committees | 2027 |"
    assert cleaned[7] == "Table 2 (continued)"  # a caption ends the table


def test_a_with_column_and_a_with_clause_in_the_action_name_partners(gazetteer):
    text = page(
        "AGREED ACTIONS",
        "",
        "| Action | Owner | With |",
        "|---|---|---|",
        "| Run enrolment drives in four districts, with the district health offices | Social Security Fund | "
        "Trade unions; Employers' federation |",
    )
    (item,) = items(text, gazetteer)
    assert [(a.name, a.role) for a in item.actors] == [
        ("Social Security Fund", "lead"), ("Trade unions", "support"), ("Employers' federation", "support"),
        ("district health offices", "support")]


def test_an_intro_saying_the_actions_below_were_agreed_makes_them_commitments(gazetteer):
    text = page(
        "5. ACTIONS FOR 2026",
        "",
        "The actions below were agreed at the closing session of the review.",
        "",
        "- Publish the 2026 budget execution report by March.",
        "",
        "6. RECOMMENDATIONS",
        "",
        "Participants agreed on the following recommendations.",
        "",
        "- Publish the audit reports of every province.",
    )
    assert [(i.kind, i.text[:20]) for i in items(text, gazetteer)] == [
        ("commitment", "Publish the 2026 bud"), ("recommendation", "Publish the audit re")]


def test_a_bold_label_naming_bodies_makes_them_act_and_a_bold_sentence_is_a_lead_in(gazetteer):
    text = page(
        "# CALL TO ACTION",
        "",
        "**Donors and development banks:**",
        "",
        "- Fund two-year bookkeeping courses for women who sell online.",
        "",
        "**Access to services:**",
        "",
        "- Open a helpdesk in every district office.",
        "",
        "**As organisers, the ASEAN Secretariat and the ILO will:**",
        "",
        "- Publish a scorecard of these commitments every April.",
    )
    found = items(text, gazetteer)
    assert [[a.name for a in i.actors] for i in found] == [
        ["Donors", "development banks"], [], ["ASEAN Secretariat", "ILO"]]
    assert found[2].kind == "commitment"


def test_a_subjunctive_ask_takes_the_words_before_the_verb_after_a_plural_or_a_name(gazetteer):
    text = page(
        "Recommendations",
        "",
        "Participants recommended that:",
        "",
        "  1. Environmental impact assessment authorities assess the cumulative effect of dredging.",
        "",
        "  2. Provincial governments, together with fishers' associations, scale up mangrove nurseries.",
        "",
        "  3. Coastal erosion be recorded as a hazard in disaster loss databases.",
    )
    assert [[(a.name, a.role) for a in i.actors] for i in items(text, gazetteer)] == [
        [("Environmental impact assessment authorities", "lead")],
        [("Provincial governments", "lead"), ("fishers' associations", "support")],
        [],
    ]


def test_countries_named_together_are_not_given_a_shared_head(gazetteer):
    assert subject_actors("Indonesia and Viet Nam", gazetteer) == ["Indonesia", "Viet Nam"]
    assert subject_actors("Lao and Cambodian fisheries agencies", gazetteer) == [
        "Lao fisheries agencies", "Cambodian fisheries agencies"]


def test_an_invitation_with_a_partner_between_commas_is_an_action(gazetteer):
    text = "COBSEA is invited, jointly with the Global Mangrove Alliance (GMA), to set up a shoreline platform."
    assert action_reading(text, gazetteer) == ("", "modal-sentence")
    names = [m.name for m in item_actors(text, gazetteer, addressees=[])]
    assert names[0] == "COBSEA" and "Global Mangrove Alliance (GMA)" in names


def test_an_infinitive_assignment_keeps_its_partner_apart(gazetteer):
    assert infinitive_subject("Universities and national hydraulic research institutes, supported by Deltares, "
                              "to train provincial engineers.", gazetteer) == [
        "Universities", "national hydraulic research institutes"]


def test_a_lone_capitalised_word_before_an_agency_belongs_to_its_name(gazetteer):
    assert cell_names("Medicines and Medical Devices Regulatory Agency", gazetteer) == (
        ["Medicines and Medical Devices Regulatory Agency"], [])
    assert cell_names("UNICEF and Medical Devices Regulatory Agency", gazetteer) == (
        ["UNICEF", "Medical Devices Regulatory Agency"], [])


def test_an_instruction_to_publish_how_something_is_done_is_not_a_statement(gazetteer):
    assert action_reading("Publish how pay per order is calculated, and give riders notice of changes.",
                          gazetteer) == ("", "imperative")


def test_minutes_decision_lines_are_items_of_their_owners_and_procedural_ones_are_not(gazetteer):
    text = page(
        "2. RISK POOLS",
        "",
        "Agenda item 4: Renewal season",
        "",
        "AGREED: the minutes of the last meeting were approved.",
        "",
        "AGREED: the Working Group on Flood Data to prepare a model register of public assets.",
        "",
        "ACTION: ADB / ASEAN Secretariat – draft terms of reference for a peer review – 31 January 2026",
        "",
        "AGREED: to invite national disaster management agencies to report losses in a common format.",
    )
    found = items(text, gazetteer)
    assert [(i.kind, i.rule, [a.name for a in i.actors]) for i in found] == [
        ("commitment", "decision-line", ["Working Group on Flood Data"]),
        ("commitment", "decision-line", ["ADB", "ASEAN Secretariat"]),
        ("recommendation", "decision-line", ["national disaster management agencies"]),
    ]
    explanation = parse(text, gazetteer).explanation
    assert any(line.startswith("line 3: 'Agenda item 4: Renewal season'") for line in explanation)  # a heading


def test_a_paragraph_asking_several_bodies_gives_one_item_to_each(gazetteer):
    text = page(
        "RECOMMENDATIONS",
        "",
        "Governments of countries of origin should ban recruitment fees. They should also publish",
        "the list of suspended agencies.¹ Employers, for their part, should bear the full cost of",
        "recruitment. Central banks should work with remittance service providers to cut fees.",
    )
    found = items(text, gazetteer)
    assert [(i.text[:30], [a.name for a in i.actors][:1]) for i in found] == [
        ("Governments of countries of or", ["Governments of countries of origin"]),
        ("Employers, for their part, sho", ["Employers"]),
        ("Central banks should work with", ["Central banks"]),
    ]


def test_a_lead_in_naming_what_an_action_covers_keeps_its_sub_items_as_parts(gazetteer):
    text = page(
        "Outcomes",
        "",
        "1. The Energy Centre will publish, by March 2027, a regional outlook that covers:",
        "   - the net metering rules of each Member State;",
        "   - the time and cost of obtaining a permit.",
        "2. The Dialogue calls on development partners to:",
        "   - fund the secondment of grid planners to power utilities.",
    )
    found = items(text, gazetteer)
    assert [(i.text[:28], [a.name for a in i.actors]) for i in found] == [
        ("The Energy Centre will publi", ["Energy Centre"]),
        ("fund the secondment of grid ", ["development partners"]),
    ]
    assert "net metering" in found[0].text


def test_a_labelled_recommendation_title_over_its_paragraph_is_not_an_item(gazetteer):
    text = page(
        "3. RECOMMENDATIONS",
        "",
        "Recommendation 2: A contract before departure, in a language the worker reads",
        "",
        "Recruitment agencies should explain the contract to each worker in person.",
    )
    assert [i.text for i in items(text, gazetteer)] == [
        "Recruitment agencies should explain the contract to each worker in person."]


def test_a_slash_between_two_words_of_a_name_does_not_split_it(gazetteer):
    assert subject_actors("The Heads of Power Utilities/Authorities (HAPUA)", gazetteer) == [
        "Heads of Power Utilities/Authorities (HAPUA)"]


def test_a_short_name_that_repeats_the_long_names_first_word_is_an_acronym():
    text = ("prepared by the SEAMEO Regional Centre for Educational Innovation and Technology (SEAMEO INNOTECH) "
            "and the UNICEF East Asia and Pacific Regional Office (UNICEF EAPRO).")
    assert organisation_acronyms(text) == {
        "SEAMEO INNOTECH": "SEAMEO Regional Centre for Educational Innovation and Technology",
        "UNICEF EAPRO": "UNICEF East Asia and Pacific Regional Office",
    }


def test_a_label_before_a_target_is_not_an_instruction(gazetteer):
    assert action_reading("Target A At least 75 per cent of children read a text with comprehension.",
                          gazetteer) is None
    assert action_reading("Trade unions and several governments objected that this would punish workers.",
                          gazetteer) is None
    assert action_reading("We accept with appreciation the offer of Malaysia to host the next meeting.",
                          gazetteer) is None


def test_an_owner_before_a_dash_leads_and_an_unconfirmed_owner_names_no_one(gazetteer):
    text = page(
        "## Next steps",
        "",
        "1. **Basin Water Agency** — Share the draft flood rules with the Farmers' Union for comment.",
        "2. **Owner to be confirmed** — Bring the three provinces together on a common flood calendar.",
    )
    assert [[(a.name, a.role) for a in i.actors] for i in items(text, gazetteer)] == [
        [("Basin Water Agency", "lead")], []]  # the union receives the draft: it does not act


def test_a_caption_naming_priorities_gives_its_table_rows_their_kind(gazetteer):
    text = page(
        "2. SUMMARY",
        "",
        "Table 2. Priority actions 2026-2028",
        "",
        "No.\tAction\tLead agency\tSupporting agencies",
        "1\tAdopt a national helmet standard for children\tMinistry of Transport\t",
        "2\tTrain first responders in every province\t\tProvincial health departments",
    )
    found = items(text, gazetteer)
    assert [i.kind for i in found] == ["priority", "priority"]
    assert [[(a.name, a.role) for a in i.actors] for i in found] == [
        [("Ministry of Transport", "lead")], [("Provincial health departments", "support")]]


def test_a_slides_title_over_its_subtitle_is_a_heading_that_names_who_acts(gazetteer):
    text = page(
        "Slide 9",
        "",
        "Recommendations for the National Malaria Programme (1/2)",
        "Diagnosis and prevention",
        "",
        "• Make rapid tests the first test for every fever case",
        "  – with the National Health Laboratory",
    )
    (item,) = items(text, gazetteer)
    assert [(a.name, a.role) for a in item.actors] == [
        ("National Malaria Programme", "addressee"), ("National Health Laboratory", "support")]


def test_a_statement_by_two_bodies_agrees_in_their_name(gazetteer):
    text = page(
        "# Joint Statement on Drought in Shared Basins",
        "",
        "We, the **Lower Basin Commission (LBC)**, represented by its Secretary-General, and the",
        "**Upper Basin Authority (UBA)**, meeting in Vientiane,",
        "",
        "Declare as follows.",
        "",
        "## We agree to:",
        "",
        "1. Exchange staff through secondments of up to six months.",
    )
    (item,) = items(text, gazetteer)
    assert item.kind == "commitment"
    assert [a.name for a in item.actors] == ["Lower Basin Commission (LBC)", "Upper Basin Authority (UBA)"]


def test_a_meeting_that_noted_and_encouraged_asks_the_body_it_encouraged(gazetteer):
    text = page(
        "IV. RECOMMENDATIONS",
        "",
        "35.  The Meeting noted the work of the Haze Centre on hotspots and encouraged the Centre",
        "     to extend its outlook to the burning season.",
        "",
        "36.  The Meeting recommended that national environment agencies, in cooperation with",
        "     national meteorological and hydrological services:",
        "",
        "     (a)  Establish one reference station in every large city;",
    )
    found = items(text, gazetteer)
    assert [[(a.name, a.role) for a in i.actors] for i in found] == [
        [("Haze Centre", "lead")],
        [("national environment agencies", "lead"), ("national meteorological and hydrological services", "support")],
    ]


def test_an_abbreviation_list_defines_the_bodies_it_spells_out():
    text = page(
        "Abbreviations",
        "",
        "NTP      National Tuberculosis Programme, MoH",
        "MSSI     Ministry of Social Solidarity and Inclusion",
        "WRD      WHO-recommended rapid diagnostic test",
    )
    assert organisation_acronyms(text) == {
        "NTP": "National Tuberculosis Programme", "MSSI": "Ministry of Social Solidarity and Inclusion"}


def test_an_explanation_after_an_ask_and_a_procedural_line_are_not_items(gazetteer):
    text = page(
        "7. RECOMMENDATIONS",
        "",
        "Take up online booking and card payment (5.2). Operators who sell only through agents pay the",
        "highest commissions.",
        "",
        "The Secretariat will submit Table 2 to the plenary for endorsement in July.",
    )
    assert [i.text for i in items(text, gazetteer)] == ["Take up online booking and card payment (5.2)."]


def test_a_declarations_first_person_lead_in_commits_its_signatories(gazetteer):
    text = page(
        "We, the Ministers of Health of Cambodia and Thailand, meeting in Vientiane,",
        "",
        "Hereby declare our commitment to:",
        "",
        "1.  Update our national action plans by the end of 2027;",
        "",
        "Call upon the World Health Organization to support our countries in this work.",
    )
    found = items(text, gazetteer)
    assert [(i.kind, [a.name for a in i.actors]) for i in found] == [
        ("commitment", ["Government of Cambodia", "Government of Thailand"]),
        ("recommendation", ["World Health Organization"]),  # not the signatories, though it says "our"
    ]


def test_an_audits_labelled_recommendations_are_items_and_the_management_responses_are_not(gazetteer):
    text = page(
        "2. FINDINGS AND RECOMMENDATIONS",
        "",
        "Finding 1. Waste is not separated at the point of generation",
        "",
        "Sharps were found in general-waste bins in 9 of the 88 wards.",
        "",
        "Recommendation 1.1",
        "The Department should issue a single segregation standard for all its hospitals.",
        "",
        "Management response: Agreed. The Department will issue the standard by 30 September 2026.",
        "",
        "Recommendation 1.2",
        "Until the upgrades are completed, hospital directors should require more frequent collection.",
    )
    found = items(text, gazetteer)
    assert [(i.text[:29], [a.name for a in i.actors]) for i in found] == [
        ("The Department should issue a", ["Department"]),
        ("Until the upgrades are comple", ["hospital directors"]),
    ]


def test_the_meetings_own_proposals_are_items_and_one_speakers_suggestion_is_not(gazetteer):
    text = page(
        "Protecting critical infrastructure",
        "",
        "Participants proposed that national regulators require operators to report ransomware incidents.",
        "",
        "Several participants suggested that cyber insurance could reward good practice.",
        "",
        "The co-chairs will convey the outcomes of the Dialogue to the Senior Officials' Meeting.",
    )
    assert [[a.name for a in i.actors] for i in items(text, gazetteer)] == [["national regulators"]]


def test_a_lead_in_naming_the_following_commitments_opens_them_whoever_it_names(gazetteer):
    text = page(
        "### Commitments",
        "",
        "The hosts and speakers made the following commitments at the close of the webinar:",
        "",
        "- The Mangrove Network will publish a plain-language guide to benefit-sharing clauses.",
        "",
        "### Q&A",
        "",
        "Until the rules are clarified, projects should treat the household as a rights-holder.",
    )
    assert [(i.kind, [a.name for a in i.actors]) for i in items(text, gazetteer)] == [
        ("commitment", ["Mangrove Network"])]


def test_a_verb_that_is_also_a_noun_is_a_verb_after_the_subjects_closing_comma(gazetteer):
    text = page(
        "RECOMMENDATIONS",
        "",
        "H.  We recommend that development partners, including IFAD and the World Bank, fund drying yards",
        "    owned by cooperatives.",
    )
    (item,) = items(text, gazetteer)
    assert [a.name for a in item.actors][0] == "development partners"
    assert "fund drying yards" not in [a.name for a in item.actors]


def test_a_box_drawn_in_characters_is_opened_and_its_lines_read_as_text():
    text = page(
        "+------------------------------------------------+",
        "| BOX 2. RECOMMENDATIONS FOR 2026                |",
        "|                                                |",
        "| R1. Customs should share seizure data monthly. |",
        "+------------------------------------------------+",
    )
    assert clean_lines(text)[:5] == [
        "", "BOX 2. RECOMMENDATIONS FOR 2026", "", "R1. Customs should share seizure data monthly.", ""]


def test_a_checklist_keeps_its_open_actions_and_drops_the_done_and_the_struck_out(gazetteer):
    text = page(
        "## 5. Priority actions",
        "",
        "- [x] Adopt the revised Land Law (National Assembly, 2019)",
        "- [ ] Issue the decree on collective land titles (MONRE with MoJ, Q2 2026)",
        "- [ ] ~~Create land courts in each province (MoJ, 2027)~~ — not retained",
    )
    (item,) = items(text, gazetteer)
    assert item.text.startswith("Issue the decree")
    assert [a.name for a in item.actors] == ["MONRE", "MoJ"]


def test_a_pledge_table_gives_each_pledger_its_pledge_and_skips_one_not_yet_made(gazetteer):
    text = page(
        "## Pledges",
        "",
        "| Pledger | Pledge | By when |",
        "|---|---|---|",
        "| Quezon City Government | Adopt a city heat action plan with heat maps | December 2026 |",
        "| Kathmandu Metropolitan City | Pledge to be announced at the third Dialogue | — |",
    )
    (item,) = items(text, gazetteer)
    assert (item.kind, [a.name for a in item.actors]) == ("commitment", ["Quezon City Government"])


def test_bodies_of_several_named_countries_are_one_per_country(gazetteer):
    assert subject_actors("The Ministries of Health of Cambodia, Lao PDR and Viet Nam", gazetteer) == [
        "Ministry of Health of Cambodia", "Ministry of Health of Lao PDR", "Ministry of Health of Viet Nam"]
    assert subject_actors("The Governments of Thailand and Viet Nam", gazetteer) == [
        "Government of Thailand", "Government of Viet Nam"]


def test_a_numbered_decision_keeps_its_title_apart_and_its_named_owner_acts(gazetteer):
    text = page(
        "B. DECISIONS",
        "",
        "1. 2026 workplan and budget",
        "   The Steering Committee endorsed the workplan. The Secretariat will circulate the revised",
        "   workplan and budget to all members for no-objection.",
        "   Owner:    Regional Programme Secretariat",
    )
    (item,) = items(text, gazetteer)
    assert item.text.startswith("The Steering Committee endorsed")
    assert [a.name for a in item.actors] == ["Regional Programme Secretariat"]


# --- bad input ---------------------------------------------------------------------------------------


def test_a_table_row_wider_than_its_header_is_refused_with_its_line(gazetteer):
    text = page(
        "AGREED ACTIONS",
        "",
        "| Action | Lead |",
        "|---|---|",
        "| Publish weekly reservoir levels | Basin Water Agency |",
        "| Train commune officers | Provincial Department of Agriculture | 2025 | extra |",
    )
    with pytest.raises(IngestError) as caught:
        parse(text, gazetteer)
    assert caught.value.line == 6
    assert str(caught.value) == (
        "snippet.txt:6: table row has 4 cells but its header (line 3) has 2; fix the row or the header")
