"""parse_document on the five seed reports, counted by hand, and on new reports of the same shapes.

Line numbers are those of the files in fixtures/documents (1-based, as ``cat -n`` shows them).
"""

import json
import shutil
from pathlib import Path

import pytest

from dialogues.ingest import ActorMention, IngestError, default_gazetteer, parse_document, read_sources, to_json

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
MEKONG = SEEDS / "000_25e6eae930826a0d.txt"
ILO = SEEDS / "001_7f8a78cfb2ec0d6e.txt"
AAAH = SEEDS / "002_10aa6f287b4b384a.txt"
CONNECT = SEEDS / "003_29de3d53bcf4fa13.txt"
RTIM = SEEDS / "004_4eb5d2ad2637d347.txt"


@pytest.fixture(scope="module")
def parsed():
    return {source.path.name: parse_document(source) for source in read_sources([SEEDS])}


def doc(parsed, path):
    return parsed[path.name]


def rec(parsed, path, key):
    return next(r for r in doc(parsed, path).recommendations if r.key == key)


def write(folder: Path, name: str, text: str, kind: str = "policy dialogue", extra: str = "") -> Path:
    """Write a report and a minimal sidecar; return the report's path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.with_suffix(".toml").write_text(f'title = "T"\nkind = "{kind}"\nstart_date = 2024-01-01\n{extra}',
                                         encoding="utf-8")
    return path


def parse_path(path: Path):
    return parse_document(read_sources([path])[0])


# --- Mekong-U.S. Partnership summary report (000_) ---------------------------------------------


def test_mekong_counts(parsed):
    mekong = doc(parsed, MEKONG)
    # Themes: the three "PRIORITY ISSUES AND POLICY RECOMMENDATIONS:" blocks (their theme headings are lost;
    # the intro paragraphs say education, labor, health), plus "Youth Engagement" from the contents table.
    assert mekong.themes == ("Education", "Labor", "Health", "Youth Engagement")
    # Issues: Education "- 1." to "- 4." (lines 162, 166, 170, 173); Labor 1-3 (189, 192, and " - 3." at 198,
    # indented by the OCR); Health 1-2 (212, 216).
    assert [(i.theme, i.number, i.line_span[0]) for i in mekong.priority_issues] == [
        ("Education", 1, 162), ("Education", 2, 166), ("Education", 3, 170), ("Education", 4, 173),
        ("Labor", 1, 189), ("Labor", 2, 192), ("Labor", 3, 198), ("Health", 1, 212), ("Health", 2, 216)]
    # Recommendations: bullets under the issues - Education 3+3+2+4 = 12, Labor 2+5+2 = 9, Health 3+4 = 7,
    # 28 in all - plus the 3 "KEY TAKEAWAYS" bullets (110-112) = 31, the 3 takeaways being summary items.
    # Not counted: feedback percentages (236-239), the agenda tables, NEXT STEPS, the youth side events.
    recs = mekong.recommendations
    assert len(recs) == 31
    assert [r.key for r in recs if r.is_summary] == [
        "key-takeaways-and-policy-1", "key-takeaways-and-policy-2", "key-takeaways-and-policy-3"]
    assert sum(1 for r in recs if not r.is_summary) == 28
    assert [sum(1 for r in recs if r.theme == t and not r.is_summary) for t in ("Education", "Labor", "Health")] == [
        12, 9, 7]
    assert mekong.indicators == () and mekong.narratives == ()


def test_mekong_education_recommendation_in_full(parsed):
    assert rec(parsed, MEKONG, "education-1-1") == rec(parsed, MEKONG, "education-1-1").__class__(
        key="education-1-1",
        text="Ministries of Education should mandate curriculum review, set targets to incorporate soft skills, "
             "and consider making soft skills an indicator in testing of internal quality assurance.",
        section="Education", line_span=(163, 163), theme="Education", issue_number=1, kind="recommendation",
        actors=(ActorMention("Ministries of Education", "lead"),), countries=(), is_summary=False, repeats=(),
        sdg_goals=(4,))


def test_mekong_labor_recommendation_in_full(parsed):
    labor = rec(parsed, MEKONG, "labor-1-1")
    assert labor.text == (
        "Private sector actors, tech companies, and international donors should subsidize teaching for women—and "
        "other affected and often underrepresented groups—to support upskilling and digital training. Inclusive "
        "representation of women in the workforce is still a challenge in the Mekong sub-region, and they have "
        "fewer resources to adapt to job displacement.")
    assert (labor.theme, labor.issue_number, labor.section, labor.line_span) == ("Labor", 1, "Labor", (190, 190))
    assert labor.actors == (ActorMention("Private sector actors", "lead"), ActorMention("tech companies", "lead"),
                            ActorMention("international donors", "lead"))


def test_mekong_health_recommendation_in_full(parsed):
    health = rec(parsed, MEKONG, "health-2-1")
    assert health.text.startswith("Through MUSP coordination, the CDC can work with Ministries of Health sto develop")
    assert (health.theme, health.issue_number, health.line_span) == ("Health", 2, (217, 217))
    assert health.actors == (ActorMention("the CDC", "lead"), ActorMention("MUSP", "support"),
                             ActorMention("Ministries of Health", "support"))


def test_mekong_indented_third_labor_issue_keeps_its_bullets(parsed):
    governments = rec(parsed, MEKONG, "labor-3-2")
    assert governments.text.startswith("Governments should seek to reduce the cost of labor migration")
    assert governments.issue_number == 3 and governments.actors[0] == ActorMention("Governments", "lead")


def test_mekong_passive_recommendation_has_no_actor(parsed):
    vaccine_data = rec(parsed, MEKONG, "health-2-4")
    assert vaccine_data.text.startswith("Where possible, vaccine production data should be made open source")
    assert vaccine_data.actors == ()


def test_mekong_takeaways_link_to_the_recommendations_they_repeat(parsed):
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-1").repeats == ("education-1-1", "education-1-2",
                                                                         "education-1-3")
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-2").repeats == ("labor-1-1", "labor-1-2")
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-3").repeats == ("health-1-1", "health-1-2")
    takeaway = rec(parsed, MEKONG, "key-takeaways-and-policy-3")
    assert takeaway.theme == "Health" and takeaway.line_span == (112, 112)
    assert [a.name for a in takeaway.actors] == [
        "International donors", "Government agencies", "healthcare institutions"]


def test_mekong_countries_come_from_the_text_not_from_organisation_names(parsed):
    assert rec(parsed, MEKONG, "health-1-3").countries == ("US", "LA", "KH")
    # "the Mekong-U.S. Partnership agenda" names an organisation, not the United States:
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-1").countries == ("US",)  # from "like the United States"
    assert rec(parsed, MEKONG, "education-2-3").countries == ()


def test_mekong_participation(parsed):
    # "More than 50 people participated in the in-person sessions ... an additional 22 participants joined
    # virtually" (line 76); "approximately 22 students" at the teach-in (226).
    assert doc(parsed, MEKONG).participation == {"participants_in_person": 50, "participants_virtual": 22,
                                                 "students": 22}


# --- AAAH side meeting at PMAC 2024 (002_) ----------------------------------------------------


def test_aaah_counts(parsed):
    aaah = doc(parsed, AAAH)
    recs = aaah.recommendations
    # Executive summary lead-in groups: region 7 (61-67), region and wider world 4 (71-74), WHO 3 (80-82),
    # policies and agreements 2 (86-90), AAAH 2 (94-95) = 18.
    # "Recommendations" chapter: regional actions 8 (1040-1047) + country-specific 3 (1051-1053), global
    # actions 8 (1059-1066), WHO safeguard list 3 numbered items with their sub-bullets (1076, 1082, 1083) = 22.
    # "Conclusion and what's next": five numbered priorities (1097-1117) and five next-step bullets (1133-1137) = 10.
    # "HEALTH WORKFORCE MIGRATION POLICY RECOMMENDATION": 8 imperative paragraphs (1357-1392).
    # 18 + 22 + 10 + 8 = 58. Day 1/Day 2 discussion findings, suggestions and the infographic are reports of
    # the discussion, not recommendations.
    assert len(recs) == 58
    sections = [r.section for r in recs]
    assert sections.count("Recommendations from the conference") == 18
    assert sections.count("Regional actions") == 11 and sections.count("Global actions") == 8
    assert sections.count("WHO Safeguard list") == 3
    assert sections.count("Conclusion and what's next in AAAH") == 10
    # 13 of the 18 executive-summary items reappear in the chapter or next steps: summary items, so 45
    # distinct recommendations.
    assert sum(r.is_summary for r in recs) == 13
    assert sum(not r.is_summary for r in recs) == 45
    assert aaah.themes == ("Health workforce migration",)
    assert aaah.priority_issues == () and aaah.indicators == () and aaah.narratives == ()


def test_aaah_region_group(parsed):
    first = rec(parsed, AAAH, "recommendations-from-the-conference-2")
    assert first.text == "Promote collaboration in training and resource-sharing."
    assert first.actors == (ActorMention("the region", "addressee"),)
    assert first.kind == "recommendation" and first.is_summary and first.repeats == ("regional-actions-2",)


def test_aaah_region_and_wider_world_group(parsed):
    who_role = rec(parsed, AAAH, "recommendations-from-the-conference-11")
    assert who_role.text.startswith("Strengthen the WHO's role in monitoring and reporting healthcare workforce")
    assert who_role.actors == (ActorMention("the region", "addressee"), ActorMention("the wider world", "addressee"),
                               ActorMention("WHO", "support"))
    assert who_role.repeats == ("global-actions-6", "global-actions-8")


def test_aaah_who_group(parsed):
    review = rec(parsed, AAAH, "recommendations-from-the-conference-12")
    assert review.text == ("Review and revise the list with an understanding of countries' unique contexts "
                           "(specific worker categories and geographies).")
    assert review.actors == (ActorMention("the WHO", "addressee"),) and review.repeats == ("who-safeguard-list-1",)


def test_aaah_policies_group_has_no_actor_and_joins_the_soft_wrap(parsed):
    incentives = rec(parsed, AAAH, "recommendations-from-the-conference-15")
    assert incentives.text == (
        "Focus on providing economic incentives, enhancing capacity through skill transfer and standardised "
        "training, improving the professional and national image of healthcare workers, and implementing brain "
        "gain initiatives, especially sourcing countries.")
    assert incentives.line_span == (86, 89) and incentives.actors == () and not incentives.is_summary


def test_aaah_commitment_group(parsed):
    conference = rec(parsed, AAAH, "recommendations-from-the-conference-17")
    assert conference.kind == "commitment"
    assert conference.actors == (ActorMention("the AAAH", "addressee"),)
    assert not conference.is_summary  # its conference plan is prose in the conclusion, not a next-step bullet


def test_aaah_regional_action(parsed):
    platforms = rec(parsed, AAAH, "regional-actions-4")
    assert platforms.text == "Create platforms for sharing best practices and experiences among stakeholders"
    assert platforms.actors == () and platforms.line_span == (1043, 1043)


def test_aaah_country_specific_actions(parsed):
    assert [rec(parsed, AAAH, f"regional-actions-{n}").countries for n in (9, 10)] == [
        ("MN", "JO", "BT", "WS"), ("PH", "ID", "LK")]
    mongolia = rec(parsed, AAAH, "regional-actions-9")
    assert mongolia.text.startswith("Mongolia, Jordan, Bhutan and Samoa: enhance their local health infrastructure")
    assert [(a.name, a.role) for a in mongolia.actors] == [
        ("Mongolia", "lead"), ("Jordan", "lead"), ("Bhutan", "lead"), ("Samoa", "lead")]
    myanmar = rec(parsed, AAAH, "regional-actions-11")
    assert myanmar.countries[:3] == ("MM", "NP", "PK")


def test_aaah_global_action(parsed):
    incentives = rec(parsed, AAAH, "global-actions-7")
    assert incentives.text.startswith("Create incentive programs, possibly in collaboration with international "
                                      "financial institutions")
    assert incentives.actors == (ActorMention("international financial institutions", "support"),)
    assert incentives.countries == ("MM",)


def test_aaah_safeguard_list_item_keeps_its_sub_bullets(parsed):
    communication = rec(parsed, AAAH, "who-safeguard-list-3")
    lines = communication.text.split("\n")
    assert lines[0] == "WHO's Communication Strategy for the Safeguard List and its Impact Assessment"
    assert len(lines) == 4 and lines[3].endswith("This clarification will help manage expectations and the use "
                                                 "of the list in policy and planning.")
    assert communication.line_span == (1083, 1087)
    assert communication.actors == (ActorMention("WHO", "lead"),)
    assert rec(parsed, AAAH, "who-safeguard-list-1").actors == (ActorMention("WHO", "addressee"),)


def test_aaah_priorities_and_next_steps(parsed):
    first = rec(parsed, AAAH, "conclusion-and-whats-next-in-aaah-1")
    # The OCR ran "LocalVoices" and "GlobalGovernanceDialogues" together; the title is repaired.
    assert first.text.split("\n")[0] == "Enhancing Local Voices in Global Governance Dialogues"
    assert first.text.split("\n")[1].startswith("There's a critical need for more inclusive global governance")
    assert (first.kind, first.line_span) == ("priority", (1097, 1099))
    assert first.actors == (ActorMention("AAAH", "addressee"),)
    steps = [rec(parsed, AAAH, f"conclusion-and-whats-next-in-aaah-{n}") for n in range(6, 11)]
    assert {s.kind for s in steps} == {"commitment"}
    assert steps[0].actors == (ActorMention("the AAAH", "addressee"), ActorMention("international organisations",
                                                                                  "support"),
                               ActorMention("NGOs", "support"))


def test_aaah_policy_recommendation_part(parsed):
    agreement = rec(parsed, AAAH, "mutual-benefit-agreement-1")
    assert agreement.text.startswith("Encourage agreement and ensure mutual benefit between sourcing and destination")
    assert (agreement.section, agreement.kind, agreement.line_span) == ("Mutual benefit Agreement", "recommendation",
                                                                        (1357, 1357))
    assert rec(parsed, AAAH, "recommendations-from-the-conference-1").repeats == ("mutual-benefit-agreement-1",)


def test_aaah_support_table_countries_attach_to_matching_recommendations(parsed):
    # Table 4: "Ethical Recruitment Practices" - Nepal needing, the United Kingdom providing support;
    # "Reintegration Programs for Returnees" - Indonesia needing, Japan providing.
    assert rec(parsed, AAAH, "global-actions-3").countries == ("NP", "GB")
    assert rec(parsed, AAAH, "reintegration-of-returnees-1").countries == ("ID", "JP")


def test_aaah_participation(parsed):
    # "Fifty-five participants come from 17 different countries" (236); "A total of 55 individuals" (252).
    assert doc(parsed, AAAH).participation == {"participants": 55, "countries": 17}


# --- ILO progress report (001_) -----------------------------------------------------------------


def test_ilo_counts(parsed):
    ilo = doc(parsed, ILO)
    # "Some of the anticipated priorities for 2023 include": 4 bullets "At the regional level" (235-238) and
    # 4 under "Lao People's Democratic Republic" (242-245) = 8 commitments; of the 3 lessons learned (249-251)
    # one says "workplans should be constructed" = 1 recommendation. Challenges (228-229) are narrative.
    recs = ilo.recommendations
    assert [r.kind for r in recs] == ["commitment"] * 8 + ["recommendation"]
    assert ilo.priority_issues == () and ilo.indicators == ()
    assert ilo.themes == ("Social health protection",)
    # One narrative per section with prose: 12 under "2. Progress report" (outputs and their sub-headings),
    # sections 3, 4, 5 and its three parts, Challenges and the lessons learned = 20.
    assert len(ilo.narratives) == 20
    headings = [n.heading for n in ilo.narratives]
    assert headings[-2:] == ["Challenges", "Some lessons learned"]
    assert "3. Collaboration and Partnerships" in headings and "4. Issues and actions" in headings


def test_ilo_commitments_fall_to_the_ilo_and_take_the_country_of_their_label(parsed):
    recs = doc(parsed, ILO).recommendations
    assert recs[0].text == ("Extension of CONNECT membership and the nomination by Mahidol University (MU) of a new "
                            "Secretariat manager.")
    assert recs[0].actors == (ActorMention("International Labour Organization", "addressee"),
                              ActorMention("CONNECT", "support"), ActorMention("Mahidol University", "support"))
    assert [r.countries for r in recs[:3]] == [(), (), ()]
    assert all(r.countries == ("LA",) for r in recs[4:8])
    assert recs[4].text == ("Support for the preparation of the revision of the Social Security Law and Health "
                            "Insurance Law.")


def test_ilo_lesson_phrased_as_a_recommendation(parsed):
    lesson = doc(parsed, ILO).recommendations[-1]
    assert lesson.section == "Some lessons learned" and lesson.line_span == (250, 250)
    assert "Hence, workplans should be constructed" in lesson.text
    assert lesson.actors == (ActorMention("International Labour Organization", "addressee"),)


def test_ilo_narrative_joins_a_paragraph_split_by_a_page_break(parsed):
    narratives = doc(parsed, ILO).narratives
    tools = next(n for n in narratives if n.heading == "Support to the development of management tools")
    assert tools.line_span == (78, 84)
    assert "with the objective of enhancing the claims processes and outcomes." in tools.text
    assert "Global Health Expenditures Database" not in tools.text  # the footnote in between stays out


def test_ilo_reports_new_members_of_connect(parsed):
    ilo = doc(parsed, ILO)
    assert ilo.network == "CONNECT"
    assert ilo.members == ("Partnership for Health", "Hanoi University of Public Health", "Swiss Red Cross")


# --- CONNECT news item (003_) -------------------------------------------------------------------


def test_connect_members_network_and_no_recommendation(parsed):
    connect = doc(parsed, CONNECT)
    # "Founding members include Mahidol University, Seoul National University, the Korean Institute for Health
    # and Social Affairs, Viet Nam Health Strategy and Policy Institute and the ILO." Its "will" sentences are
    # predictions about things (the partnership, the document, the course), not actions anyone commits to.
    assert connect.members == ("Mahidol University", "Seoul National University",
                               "Korean Institute for Health and Social Affairs",
                               "Viet Nam Health Strategy and Policy Institute", "ILO")
    assert connect.network == "CONNECT"
    assert connect.recommendations == ()
    assert [(n.heading[:22], n.line_span) for n in connect.narratives] == [("Regional knowledge hub", (8, 28))]
    assert connect.themes == ("Social health protection",)


# --- RTIM 2024 health SWG report (004_) --------------------------------------------------------


def test_rtim_counts(parsed):
    rtim = doc(parsed, RTIM)
    # 2025 priority activities: 8 bullets (123-130) and 5 under "Improving Financial Sustainability" (134-141);
    # priorities for the 10th NSEDP: 11 bullets (147-160) = 24 priorities. The numbered target lists
    # (41-51, 108-119) are indicators; the 2024 results (sections 2 and 4) are narratives.
    recs = rtim.recommendations
    assert len(recs) == 24 and {r.kind for r in recs} == {"priority"}
    assert [r.section[:4] for r in recs].count("3.a.") == 8
    assert [r.section for r in recs].count("Improving Financial Sustainability") == 5
    assert [r.section[:4] for r in recs].count("3.b.") == 11
    assert len(rtim.indicators) == 11
    assert [n.heading for n in rtim.narratives] == [
        "1) Enhancing the use of information systems and technology", "2) Enhance accessibility to health services",
        "4) Increase coordination to facilitate budget support", "1) Positive aspects", "2) Key challenges"]


def test_rtim_priorities_fall_to_the_default_addressee(parsed):
    recs = doc(parsed, RTIM).recommendations
    assert all(r.actors[0] == ActorMention("Ministry of Health (Lao PDR)", "addressee") for r in recs)
    financing = recs[8]
    # The bullet runs over a page break: "... focus on" / (blank) / "the efficient and effective management ..."
    assert financing.line_span == (134, 136)
    assert "integrated health development plan at both central and sub-national levels; focus on the efficient" in (
        financing.text)
    gavi = recs[12]
    assert gavi.text == ("Prepare for resilience in the transition period through Gavi's support strategy in 2025 "
                         "and beyond.")
    assert gavi.actors == (ActorMention("Ministry of Health (Lao PDR)", "addressee"), ActorMention("Gavi", "support"))


# --- every document -----------------------------------------------------------------------------


def test_every_recommendation_points_at_its_lines(parsed):
    for name, document in parsed.items():
        lines = document.source.text.split("\n")
        for r in document.recommendations:
            start, end = r.line_span
            assert 1 <= start <= end <= len(lines), (name, r.key)
            first_word = r.text.split()[0].strip("\"'“(")
            assert first_word in " ".join(lines[start - 1:end]), (name, r.key)


def test_keys_are_unique_and_survive_a_reworded_bullet(tmp_path, parsed):
    original = doc(parsed, MEKONG).recommendations
    assert len({r.key for r in original}) == len(original)
    target = tmp_path / "edited.txt"
    text = MEKONG.read_text(encoding="utf-8").replace("Instructors should adjust", "Instructors must urgently adjust")
    target.write_text(text, encoding="utf-8")
    shutil.copy(MEKONG.with_suffix(".toml"), target.with_suffix(".toml"))
    edited = parse_path(target).recommendations
    assert [r.key for r in edited] == [r.key for r in original]
    changed = [r.key for r, o in zip(edited, original, strict=True) if r.text != o.text]
    assert changed == ["education-4-3"]


def test_json_output_is_plain_json_with_the_documented_schema(parsed):
    data = json.loads(json.dumps(to_json(list(parsed.values()), default_gazetteer())))
    assert len(data["documents"]) == 5
    rtim = next(d for d in data["documents"] if d["path"].endswith(RTIM.name))
    assert set(rtim) >= {"path", "checksum", "title", "kind", "series", "edition", "start_date", "end_date", "place",
                         "country", "published", "themes", "priority_issues", "recommendations", "indicators",
                         "narratives", "members", "participation"}
    assert rtim["indicators"][0]["values"][1] == {"period": "2024-01/2024-09", "kind": "result", "value": "24.3",
                                                  "raw": "24.3%", "line": 92, "as_of": "2024-09-30"}
    mekong = next(d for d in data["documents"] if d["path"].endswith(MEKONG.name))
    first = mekong["recommendations"][0]
    assert set(first) == {"key", "text", "theme", "issue_number", "section", "kind", "actors", "countries",
                          "line_span", "is_summary", "repeats", "sdg_goals"}
    assert first["actors"][0] == {"name": "Ministries of Education", "role": "lead",
                                  "resolved": "Ministries of Education"}
    assert mekong["start_date"] == "2022-07-21" and mekong["edition"] == 4
    actors = {a["name"]: a for a in data["actors"]}
    assert actors["Mekong-U.S. Partnership"]["acronym"] == "MUSP"
    assert set(actors["Mekong-U.S. Partnership"]["matched_by"]) >= {"MUSP", "the MUSP"}
    assert all(a["known"] for a in data["actors"])


# --- new reports: structure, not these files ----------------------------------------------------

NOISY = """# Regional Dialogue on Skills

his report summarises the second dialogue of the series, held in Vientiane.

## Education

Schools and universities across the region face teacher shortages, outdated curricula and students without skills.

**PRIORITY ISSUES AND POLICY RECOMMENDATIONS:**

1) Teachers lack training in digital tools. To address this gap:
   • Ministries of Education should fund digital training for teachers in Laos and Viet Nam.
   • Universities and NGOs should design short courses with
     employers, building on the **Generation Thailand** model.
2) Curricula are outdated.
    <pua> The ASEAN Secretariat should publish a regional curriculum guide.

LABOUR MARKETS

Migrant workers and employers report high labor migration costs, job mismatches and low wages.

PRIORITY ISSUES AND POLICY RECOMMENDATIONS

- 1. Migration costs are high.
 – Governments should cut recruitment fees.
 – Where possible, fees should be capped.

FEEDBACK

- 90% of attendees said they would recommend the dialogue.
""".replace("<pua>", "\uf0b7")  # the private-use bullet Word exports and OCR keeps


def test_a_new_report_with_other_glyphs_headings_and_noise_parses_by_structure(tmp_path):
    parsed = parse_path(write(tmp_path, "minutes of the skills meeting.md", NOISY))
    assert parsed.themes == ("Education", "Labor")
    assert [(i.theme, i.number) for i in parsed.priority_issues] == [("Education", 1), ("Education", 2), ("Labor", 1)]
    recs = parsed.recommendations
    assert [r.key for r in recs] == ["education-1-1", "education-1-2", "education-2-1", "labor-1-1", "labor-1-2"]
    assert recs[0].countries == ("LA", "VN")
    assert recs[1].text == ("Universities and NGOs should design short courses with employers, building on the "
                            "Generation Thailand model.")
    assert recs[1].line_span == (13, 14)
    assert [a.name for a in recs[1].actors if a.role == "lead"] == ["Universities", "NGOs"]
    assert recs[2].actors[0] == ActorMention("The ASEAN Secretariat", "lead")
    assert recs[4].actors == ()
    assert all(not r.is_summary for r in recs)


def test_a_bullet_before_any_numbered_issue_cannot_be_placed(tmp_path):
    text = "PRIORITY ISSUES AND POLICY RECOMMENDATIONS:\n\n - Governments should act now.\n- 1. An issue.\n"
    with pytest.raises(IngestError) as caught:
        parse_path(write(tmp_path, "orphan.txt", text))
    assert "orphan.txt:3" in str(caught.value) and "before any numbered priority issue" in str(caught.value)


def test_a_report_without_recommendations_parses_to_none(tmp_path):
    parsed = parse_path(write(tmp_path, "minutes.txt", "MINUTES\n\nThe meeting opened at nine and closed at noon.\n"))
    assert parsed.recommendations == () and parsed.priority_issues == ()


def test_a_lead_in_gives_its_list_an_addressee_and_a_kind(tmp_path):
    text = ("Recommendations\n\nTo strengthen the health workforce, the WHO should:\n\n- Publish a code.\n"
            "- Review the list.\n\nFor the next steps, the AAAH will:\n\n* Hold a conference.\n")
    recs = parse_path(write(tmp_path, "leadins.txt", text, kind="side meeting")).recommendations
    assert [(r.text, r.kind, r.actors) for r in recs] == [
        ("Publish a code.", "recommendation", (ActorMention("the WHO", "addressee"),)),
        ("Review the list.", "recommendation", (ActorMention("the WHO", "addressee"),)),
        ("Hold a conference.", "commitment", (ActorMention("the AAAH", "addressee"),)),
    ]


def test_a_heading_naming_an_actor_is_the_fallback_before_the_sidecar(tmp_path):
    text = "WHO SAFEGUARD LIST RECOMMENDATIONS\n\n- Review the list every two years.\n"
    extra = 'default_addressee = "International Labour Organization"\n'
    recs = parse_path(write(tmp_path, "heading.txt", text, extra=extra)).recommendations
    assert recs[0].actors == (ActorMention("WHO", "addressee"),)
    plain = parse_path(write(tmp_path, "plain.txt", "RECOMMENDATIONS\n\n- Review the list.\n", extra=extra))
    assert plain.recommendations[0].actors == (ActorMention("International Labour Organization", "addressee"),)
