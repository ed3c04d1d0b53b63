"""CSV and JSON downloads of exactly the filtered list, streamed."""

import csv
import io
import json

import pytest
from django.urls import reverse

from recommendations.exports import COLUMNS, neutralise
from tests.factories import make_portal_world, make_recommendations, make_theme

CSV = reverse("recommendations:export-csv")
JSON = reverse("recommendations:export-json")
LIST = reverse("recommendations:recommendation-list")


@pytest.fixture
def world(db):
    return make_portal_world()


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def read_json(response) -> list[dict]:
    return json.loads(b"".join(response.streaming_content))


def all_listed(client, params) -> list[int]:
    """The ids the list shows across every page."""
    ids, page = [], 1
    while True:
        response = client.get(LIST, {**params, "page": page})
        ids += [r.pk for r in response.context["page"]]
        if not response.context["page"].has_next():
            return ids
        page += 1


def test_csv_is_streamed_with_a_header_and_attachment(client, world):
    response = client.get(CSV)
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="recommendations.csv"'
    rows = read_csv(response)
    assert list(rows[0].keys()) == COLUMNS


def test_csv_has_every_page_of_the_filtered_list_in_its_order(client, db):
    theme = make_theme(name="Health")
    make_recommendations(60, actors_each=1, theme=theme)
    make_recommendations(5, actors_each=1)
    params = {"theme": "health", "sort": "status"}
    rows = read_csv(client.get(CSV, params))
    assert [int(r["id"]) for r in rows] == all_listed(client, params)
    assert len(rows) == 60


def test_csv_row_content(client, world):
    rows = {int(r["id"]): r for r in read_csv(client.get(CSV, {"q": "retention bonuses"}))}
    row = rows[world["nurses"].pk]
    assert row["url"] == f"http://testserver{world['nurses'].get_absolute_url()}"
    assert row["text"] == world["nurses"].text
    assert row["dialogue"] == "Human Resources Dialogue" and row["dialogue date"] == "2022-07-21"
    assert row["document"] == "Summary report" and row["section"] == "Recommendations"
    assert (row["line start"], row["line end"]) == ("6", "6")
    assert row["theme"] == "Health" and row["priority issue number"] == "1"
    assert row["actors"] == "Ministry of Health (lead)"
    assert row["countries"] == "KH; LA"
    assert (row["status"], row["status as of"]) == ("in progress", "2024-03-01")
    assert (row["kind"], row["is summary"]) == ("recommendation", "no")


def test_csv_neutralises_formula_cells(client, world):
    rows = {int(r["id"]): r for r in read_csv(client.get(CSV))}
    assert rows[world["formula"].pk]["text"].startswith("'=HYPERLINK(")


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_a_quote(value):
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_plain_values():
    assert neutralise("Ministries should act") == "Ministries should act"
    assert neutralise(12) == 12


def test_exports_leave_out_draft_dialogues(client, world):
    ids = {int(r["id"]) for r in read_csv(client.get(CSV))}
    assert world["secret"].pk not in ids and len(ids) == 5
    assert world["secret"].pk not in {r["id"] for r in read_json(client.get(JSON))}


def test_json_has_the_same_rows_with_lists(client, world):
    response = client.get(JSON, {"theme": "health"})
    assert response["Content-Type"] == "application/json"
    rows = read_json(response)
    assert {r["id"] for r in rows} == {world["nurses"].pk, world["safeguard"].pk, world["summary"].pk}
    summary = next(r for r in rows if r["id"] == world["summary"].pk)
    assert summary["is_summary"] is True
    assert {a["name"] for a in summary["actors"]} == {"Ministry of Health", "World Health Organization"}


def test_empty_export_is_valid(client, db):
    assert read_json(client.get(JSON)) == []
    assert read_csv(client.get(CSV)) == []


def test_export_ignores_invalid_filters_like_the_list(client, world):
    assert len(read_csv(client.get(CSV, {"theme": "nope"}))) == 5


def test_export_queries_are_bounded_by_chunks_not_rows(client, django_assert_max_num_queries, db):
    make_recommendations(120, actors_each=3)
    with django_assert_max_num_queries(4):
        rows = read_csv(client.get(CSV))
    assert len(rows) == 120


def test_csv_over_many_chunks_and_blocks_keeps_each_row_with_its_actors(client, db, monkeypatch):
    from recommendations import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 7)  # rows and their actors read 7 at a time
    monkeypatch.setattr(exports, "BLOCK_CHARS", 500)  # sent a few rows at a time
    recs = make_recommendations(40, actors_each=2)
    response = client.get(CSV)
    blocks = list(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(b"".join(blocks).decode())))
    assert len(blocks) > 5
    assert sorted(int(r["id"]) for r in rows) == sorted(rec.pk for rec in recs)
    by_id = {int(r["id"]): r for r in rows}
    for rec in recs:
        names = sorted(r.actor.name for r in rec.responsibilities.all())
        assert sorted(part.rsplit(" (", 1)[0] for part in by_id[rec.pk]["actors"].split("; ")) == names


def test_json_over_many_blocks_is_one_valid_array(client, db, monkeypatch):
    from recommendations import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 7)
    monkeypatch.setattr(exports, "BLOCK_CHARS", 500)
    recs = make_recommendations(30, actors_each=2)
    blocks = list(client.get(JSON).streaming_content)
    assert len(blocks) > 5
    rows = json.loads(b"".join(blocks))
    assert sorted(row["id"] for row in rows) == sorted(rec.pk for rec in recs)
    assert all(len(row["actors"]) == 2 for row in rows)


def test_downloads_name_the_indicators_measuring_each_recommendation(client, db):
    import csv as csv_module
    import io
    import json as json_module

    from tests.factories import make_indicator, make_recommendation

    rec = make_recommendation(text="Expand immunisation outreach.")
    indicator = make_indicator(dialogue=rec.dialogue, name="Penta 3 immunisation rate")
    indicator.recommendations.add(rec)
    body = b"".join(client.get("/recommendations.csv").streaming_content).decode("utf-8-sig")
    row = next(csv_module.DictReader(io.StringIO(body)))
    assert row["indicators"] == "Penta 3 immunisation rate"
    data = json_module.loads(b"".join(client.get("/recommendations.json").streaming_content))
    assert data[0]["indicators"] == ["Penta 3 immunisation rate"]
