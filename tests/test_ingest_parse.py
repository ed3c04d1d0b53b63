"""parse_document on the five seed reports, as snapshots of their JSON output, and on new reports of the same shapes.

Each seed report in fixtures/documents has a snapshot ``tests/snapshots/<stem>.json``: the
``load_documents --format json`` output for that report alone (``to_json([parsed], gazetteer)`` with
the gazetteer of fixtures/actors.toml), its ``path`` relative to the repository root. When the reader
changes what it finds in a seed, the snapshot test fails with a unified diff of the JSON. If the change
is intended, rewrite the snapshots and review ``git diff tests/snapshots/`` before committing them::

    UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_ingest_parse.py      # or: make snapshots

A few facts about the seeds that the portal shows (members, participation, themes, summary items)
are asserted outright; everything else the reader finds in them is in the snapshots. The tests on
literal snippets assert general behaviour, whatever the seeds say.
"""

import json
import shutil
from pathlib import Path

import pytest

from dialogues.ingest import (
    ActorMention,
    IngestError,
    load_gazetteer,
    parse_document,
    read_sources,
    to_json,
)
from tests.snapshot import SNAPSHOTS, assert_matches_snapshot

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "documents"
MEKONG = SEEDS / "000_25e6eae930826a0d.txt"
ILO = SEEDS / "001_7f8a78cfb2ec0d6e.txt"
AAAH = SEEDS / "002_10aa6f287b4b384a.txt"
CONNECT = SEEDS / "003_29de3d53bcf4fa13.txt"
RTIM = SEEDS / "004_4eb5d2ad2637d347.txt"
SEED_STEMS = sorted(p.stem for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".pdf"))


@pytest.fixture(scope="module")
def gazetteer():
    """The gazetteer ``load_documents`` uses by default."""
    return load_gazetteer(ROOT / "fixtures" / "actors.toml")


@pytest.fixture(scope="module")
def parsed(gazetteer):
    return {source.path.name: parse_document(source, gazetteer) for source in read_sources([SEEDS])}


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


def seed_json(document, gazetteer) -> dict:
    """Return one seed's ``--format json`` output with its path relative to the repository root."""
    data = json.loads(json.dumps(to_json([document], gazetteer), ensure_ascii=False))
    for entry in data["documents"]:
        entry["path"] = Path(entry["path"]).resolve().relative_to(ROOT).as_posix()
    return data


# --- the seeds, as snapshots -------------------------------------------------------------------


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_json_matches_its_snapshot(parsed, gazetteer, stem):
    document = next(d for d in parsed.values() if d.source.path.stem == stem)
    assert_matches_snapshot(seed_json(document, gazetteer), f"{stem}.json")


def test_every_snapshot_has_its_seed():
    stale = sorted(p.name for p in SNAPSHOTS.glob("*.json") if p.stem not in SEED_STEMS)
    assert stale == [], f"snapshots without a seed report in fixtures/documents (delete them): {stale}"


def test_seed_snapshots_hold_no_machine_specific_detail(parsed, gazetteer):
    for document in parsed.values():
        data = seed_json(document, gazetteer)
        assert data["documents"][0]["path"] == f"fixtures/documents/{document.source.path.name}"
        assert str(ROOT) not in json.dumps(data, ensure_ascii=False)


# --- seed facts the portal shows ----------------------------------------------------------------


def test_connect_news_item_lists_members_and_has_no_recommendation(parsed):
    connect = doc(parsed, CONNECT)
    # "Founding members include Mahidol University, Seoul National University, the Korean Institute for Health
    # and Social Affairs, Viet Nam Health Strategy and Policy Institute and the ILO." Its "will" sentences are
    # predictions about things (the partnership, the document, the course), not actions anyone commits to.
    assert connect.members == ("Mahidol University", "Seoul National University",
                               "Korean Institute for Health and Social Affairs",
                               "Viet Nam Health Strategy and Policy Institute", "ILO")
    assert connect.network == "CONNECT"
    assert connect.recommendations == ()
    assert connect.themes == ("Social health protection",)


def test_ilo_reports_new_members_of_connect(parsed):
    ilo = doc(parsed, ILO)
    assert ilo.network == "CONNECT"
    assert ilo.members == ("Partnership for Health", "Hanoi University of Public Health", "Swiss Red Cross")
    assert ilo.themes == ("Social health protection",)


def test_ilo_items_fall_to_the_sidecar_default_addressee(parsed):
    # The sidecar says default_addressee = "International Labour Organization"; the report names no one else
    # as responsible for its items.
    recs = doc(parsed, ILO).recommendations
    assert recs and all(r.actors[0] == ActorMention("International Labour Organization", "addressee") for r in recs)


def test_participation(parsed):
    # Mekong: "More than 50 people participated in the in-person sessions ... an additional 22 participants
    # joined virtually"; "approximately 22 students" at the teach-in.
    assert doc(parsed, MEKONG).participation == {"participants_in_person": 50, "participants_virtual": 22,
                                                 "students": 22}
    # AAAH: "Fifty-five participants come from 17 different countries"; "A total of 55 individuals".
    assert doc(parsed, AAAH).participation == {"participants": 55, "countries": 17}
    # Progress, sector working group and news reports state no participation.
    assert [doc(parsed, p).participation for p in (ILO, CONNECT, RTIM)] == [{}, {}, {}]


def test_seed_themes(parsed):
    # The Mekong report's three priority-issue blocks are about education, labor and health.
    assert doc(parsed, MEKONG).themes[:3] == ("Education", "Labor", "Health")
    assert doc(parsed, AAAH).themes == ("Health workforce migration",)


def test_mekong_takeaways_are_summary_items_linked_to_the_recommendations_they_repeat(parsed):
    recs = doc(parsed, MEKONG).recommendations
    assert [r.key for r in recs if r.is_summary] == [
        "key-takeaways-and-policy-1", "key-takeaways-and-policy-2", "key-takeaways-and-policy-3"]
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-1").repeats == ("education-1-1", "education-1-2",
                                                                         "education-1-3")
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-2").repeats == ("labor-1-1", "labor-1-2")
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-3").repeats == ("health-1-1", "health-1-2")
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-3").theme == "Health"


def test_mekong_countries_come_from_the_text_not_from_organisation_names(parsed):
    assert rec(parsed, MEKONG, "health-1-3").countries == ("US", "LA", "KH")
    # "the Mekong-U.S. Partnership agenda" names an organisation, not the United States:
    assert rec(parsed, MEKONG, "key-takeaways-and-policy-1").countries == ("US",)  # from "like the United States"
    assert rec(parsed, MEKONG, "education-2-3").countries == ()


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


def test_json_output_is_plain_json_with_the_documented_schema(parsed, gazetteer):
    data = to_json(list(parsed.values()), gazetteer)
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    # The fields the README and ``to_json`` document are all there (a new field is a snapshot change).
    assert len(data["documents"]) == len(SEED_STEMS)
    for document in data["documents"]:
        assert set(document) >= {"path", "checksum", "title", "kind", "series", "edition", "start_date",
                                 "end_date", "place", "country", "published", "themes", "priority_issues",
                                 "recommendations", "indicators", "narratives", "members", "network",
                                 "participation"}
        for issue in document["priority_issues"]:
            assert set(issue) >= {"theme", "number", "text", "line_span"}
        for item in document["recommendations"]:
            assert set(item) >= {"key", "text", "theme", "issue_number", "section", "kind", "actors", "countries",
                                 "line_span", "is_summary", "repeats", "sdg_goals"}
            assert item["kind"] in ("recommendation", "commitment", "priority")
            for actor in item["actors"]:
                assert set(actor) >= {"name", "role", "resolved"}
                assert actor["role"] in ("lead", "support", "addressee")
        for indicator in document["indicators"]:
            assert set(indicator) >= {"name", "unit", "direction", "reported_group", "theme", "line_span", "values"}
            for value in indicator["values"]:
                assert set(value) >= {"period", "kind", "value", "raw", "line", "as_of"}
                assert value["value"] is None or isinstance(value["value"], str)  # decimals as strings
        for narrative in document["narratives"]:
            assert set(narrative) >= {"heading", "text", "line_span"}
    mekong = next(d for d in data["documents"] if d["path"].endswith(MEKONG.name))
    assert mekong["start_date"] == "2022-07-21" and mekong["edition"] == 4
    # Every actor a recommendation names is listed once, under its canonical name when the gazetteer knows it.
    actors = {a["name"]: a for a in data["actors"]}
    assert len(actors) == len(data["actors"])
    for actor in data["actors"]:
        assert set(actor) >= {"name", "kind", "acronym", "matched_by", "known"}
        assert actor["known"] == bool(actor["kind"])
    for document in data["documents"]:
        for item in document["recommendations"]:
            for mention in item["actors"]:
                listed = actors[mention["resolved"]] if mention["resolved"] else next(
                    a for a in data["actors"] if not a["known"] and mention["name"] in a["matched_by"])
                assert mention["name"] in listed["matched_by"]
    assert actors["Mekong-U.S. Partnership"]["acronym"] == "MUSP"
    assert "MUSP" in actors["Mekong-U.S. Partnership"]["matched_by"]


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
    assert recs[2].actors[0] == ActorMention("ASEAN Secretariat", "lead")  # named without its article
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


def test_a_lead_in_gives_its_list_its_actor_and_kind(tmp_path):
    text = ("Recommendations\n\nTo strengthen the health workforce, the WHO should:\n\n"
            "- Publish a code of practice.\n- Review the list every two years.\n\n"
            "For the next steps, the AAAH will:\n\n* Hold a regional conference.\n")
    recs = parse_path(write(tmp_path, "leadins.txt", text, kind="side meeting")).recommendations
    # The lead-in's subject acts in each item (named without its article); "will" makes the items commitments.
    assert [(r.text, r.kind, r.actors) for r in recs] == [
        ("Publish a code of practice.", "recommendation", (ActorMention("WHO", "lead"),)),
        ("Review the list every two years.", "recommendation", (ActorMention("WHO", "lead"),)),
        ("Hold a regional conference.", "commitment", (ActorMention("AAAH", "lead"),)),
    ]


def test_short_items_under_a_lead_in_are_kept(tmp_path):
    text = ("Recommendations\n\nTo strengthen the health workforce, the WHO should:\n\n- Publish a code.\n"
            "- Review the list.\n\nFor the next steps, the AAAH will:\n\n* Hold a conference.\n")
    recs = parse_path(write(tmp_path, "leadins.txt", text, kind="side meeting")).recommendations
    assert [(r.key, r.text, r.kind, r.actors) for r in recs] == [
        ("recommendations-1", "Publish a code.", "recommendation", (ActorMention("WHO", "lead"),)),
        ("recommendations-2", "Review the list.", "recommendation", (ActorMention("WHO", "lead"),)),
        ("recommendations-3", "Hold a conference.", "commitment", (ActorMention("AAAH", "lead"),)),
    ]


def test_a_place_in_a_lead_in_is_not_an_actor(tmp_path):
    text = ("Recommendations\n\nTo support regional collaboration, the region should:\n\n"
            "- Encourage mutual agreements between countries.\n\n"
            "To support global collaboration, the region and the wider world should:\n\n"
            "- Establish standardised mechanisms for reporting migration data.\n")
    recs = parse_path(write(tmp_path, "places.txt", text, kind="side meeting")).recommendations
    assert [r.text for r in recs] == ["Encourage mutual agreements between countries.",
                                      "Establish standardised mechanisms for reporting migration data."]
    assert [r.actors for r in recs] == [(), ()]
    extra = 'default_addressee = "International Labour Organization"\n'
    recs = parse_path(write(tmp_path, "places_default.txt", text, kind="side meeting", extra=extra)).recommendations
    assert {r.actors for r in recs} == {(ActorMention("International Labour Organization", "addressee"),)}


def test_countries_listed_as_a_label_are_the_items_countries_not_its_actors(tmp_path):
    text = ("Recommendations\n\nRegional actions\n\n"
            "- Mongolia, Jordan, Bhutan and Samoa: enhance their local health infrastructure and invest in training "
            "programs.\n"
            "- Philippines, Indonesia and Sri Lanka: strengthen bilateral agreements with destination countries.\n")
    recs = parse_path(write(tmp_path, "labels.txt", text, kind="side meeting")).recommendations
    assert [(r.countries, r.actors) for r in recs] == [(("MN", "JO", "BT", "WS"), ()), (("PH", "ID", "LK"), ())]


def test_a_heading_naming_an_actor_is_the_fallback_before_the_sidecar(tmp_path):
    text = "WHO SAFEGUARD LIST RECOMMENDATIONS\n\n- Review the list every two years.\n"
    extra = 'default_addressee = "International Labour Organization"\n'
    recs = parse_path(write(tmp_path, "heading.txt", text, extra=extra)).recommendations
    assert recs[0].actors == (ActorMention("WHO", "addressee"),)
    plain = parse_path(write(tmp_path, "plain.txt", "RECOMMENDATIONS\n\n- Review the list.\n", extra=extra))
    assert plain.recommendations[0].actors == (ActorMention("International Labour Organization", "addressee"),)
