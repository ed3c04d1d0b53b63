"""Open data: the data dictionary, the Data Package, provenance of downloads, "About the data"
and the reader_quality command."""

import csv
import io
import json
from datetime import date, timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from api.schemas import RecommendationDetail, RecommendationItem
from dialogues.ingest.grading import gold_files
from opendata.dictionary import DOWNLOAD_FIELDS, FIELDS, TABLE_SCHEMA_TYPES
from opendata.quality import read_reader_quality
from recommendations.exports import COLUMNS
from recommendations.models import Status
from tests.factories import (
    make_actor,
    make_document,
    make_portal_world,
    make_recommendation,
    make_recommendations,
    make_theme,
)

CSV = reverse("recommendations:export-csv")
JSON = reverse("recommendations:export-json")
DICTIONARY = reverse("opendata:dictionary")
PACKAGE = reverse("opendata:datapackage")
ABOUT = reverse("opendata:about")
SEED_GOLD = "tests/reader_corpus/seeds"


@pytest.fixture
def world(db):
    return make_portal_world()


@pytest.fixture
def quality_file(settings, tmp_path):
    settings.READER_QUALITY_FILE = tmp_path / "reader_quality.json"
    return settings.READER_QUALITY_FILE


def csv_header(response) -> list[str]:
    return next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# --- The dictionary --------------------------------------------------------------------------------

def test_every_csv_column_is_documented_once_in_order(client, world):
    assert csv_header(client.get(CSV)) == COLUMNS
    assert [f.name for f in DOWNLOAD_FIELDS] == COLUMNS


def test_every_json_field_is_documented(client, world):
    rows = json.loads(b"".join(client.get(JSON).streaming_content))
    assert rows
    documented = {f.json_name for f in DOWNLOAD_FIELDS}
    for row in rows:
        assert set(row) == documented


def test_every_api_recommendation_field_is_documented():
    fields = set(RecommendationItem.model_json_schema(by_alias=False)["properties"])
    fields |= set(RecommendationDetail.model_json_schema(by_alias=False)["properties"])
    assert fields - {f.api for f in FIELDS} == set()


def test_each_field_is_documented_once_with_type_and_meaning():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    for field in FIELDS:
        assert field.type in TABLE_SCHEMA_TYPES, field.name
        assert field.meaning.endswith("."), field.name


def test_vocabularies_are_the_models_own():
    by_name = {f.name: f for f in FIELDS}
    assert by_name["status"].values == tuple(Status.values)
    assert set(by_name["kind"].values) == {"recommendation", "commitment", "priority"}


def test_dictionary_page_lists_every_column(client, db):
    response = client.get(DICTIONARY)
    html = response.content.decode()
    assert response.status_code == 200
    for field in FIELDS:
        assert f'id="field-{field.json_name if field.in_downloads else field.api}"' in html
    assert "not implemented" in html and "Creative Commons Attribution 4.0" in html
    assert "<script>" not in html and "style=" not in html


# --- datapackage.json -----------------------------------------------------------------------------

def test_datapackage_describes_the_csv_columns_in_header_order(client, world):
    response = client.get(PACKAGE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    package = response.json()
    assert package["profile"] == "tabular-data-package"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    resource = package["resources"][0]
    assert resource["profile"] == "tabular-data-resource"
    assert resource["path"] == "http://testserver" + CSV
    schema = resource["schema"]
    assert [f["name"] for f in schema["fields"]] == csv_header(client.get(CSV))
    assert all(f["type"] in TABLE_SCHEMA_TYPES and f["description"] for f in schema["fields"])
    assert schema["primaryKey"] == ["id"]


def test_datapackage_values_match_the_csv(client, world):
    """Each cell is what its field's type and constraints allow (a small Table Schema check)."""
    fields = client.get(PACKAGE).json()["resources"][0]["schema"]["fields"]
    body = b"".join(client.get(CSV).streaming_content).decode()
    for row in list(csv.reader(io.StringIO(body)))[1:]:
        for field, cell in zip(fields, row, strict=True):
            constraints = field.get("constraints", {})
            if cell == "":
                assert not constraints.get("required"), field["name"]
                continue
            if field["type"] == "integer":
                int(cell)
            elif field["type"] == "date":
                date.fromisoformat(cell)
            elif field["type"] == "boolean":
                assert cell in field["trueValues"] + field["falseValues"]
            if "enum" in constraints:
                assert cell in constraints["enum"], field["name"]


# --- Provenance of downloads ----------------------------------------------------------------------

@pytest.mark.parametrize("url", [CSV, JSON])
def test_download_names_its_query_and_time(client, world, url):
    before = timezone.now().replace(microsecond=0)
    response = client.get(url, {"theme": world["health"].slug, "status": "", "bogus": "1"})
    permalink = "http://testserver" + reverse("recommendations:recommendation-list") + f"?theme={world['health'].slug}"
    assert response["X-Query-Permalink"] == permalink
    assert f'<{permalink}>; rel="alternate"; type="text/html"' in response["Link"]
    assert f'<http://testserver{PACKAGE}>; rel="describedby"' in response["Link"]
    assert before <= parsedate_to_datetime(response["Last-Modified"]) <= timezone.now()


def test_unfiltered_download_names_the_whole_list(client, world):
    response = client.get(CSV)
    assert response["X-Query-Permalink"] == "http://testserver" + reverse("recommendations:recommendation-list")


def test_json_download_stays_an_array(client, world):
    assert isinstance(json.loads(b"".join(client.get(JSON).streaming_content)), list)


# --- About the data -------------------------------------------------------------------------------

def test_about_without_quality_figures_says_not_measured(client, world, quality_file):
    html = client.get(ABOUT).content.decode()
    assert "has not been measured yet" in html


def test_about_shows_the_measured_figures(client, world, quality_file):
    call_command("reader_quality", *map(str, gold_files(SEED_GOLD)), stdout=io.StringIO())
    figures = read_reader_quality(quality_file)
    html = client.get(ABOUT).content.decode()
    assert "has not been measured yet" not in html
    assert f"{figures['recall']:.1%}" in html and f"{figures['actor_accuracy']:.1%}" in html


def test_about_ignores_a_broken_quality_file(client, world, quality_file):
    quality_file.write_text('{"recall": "high"}')
    assert "has not been measured yet" in client.get(ABOUT).content.decode()


def test_about_lists_sources_with_counts_and_hides_drafts(client, world, quality_file):
    response = client.get(ABOUT)
    html = response.content.decode()
    assert world["dialogue"].title in html and world["document"].title in html
    assert world["draft"].title not in html and world["secret_actor"].name not in html
    source = response.context["sources"][0]
    assert source["n"] == 5 and response.context["total"] == 5


def test_about_shows_the_age_of_the_latest_status_per_theme_and_actor(client, world, quality_file):
    context = client.get(ABOUT).context
    today = timezone.localdate()
    health = next(r for r in context["by_theme"] if r["slug"] == world["health"].slug)
    assert health["latest"] == date(2024, 3, 1) and health["age_days"] == (today - date(2024, 3, 1)).days
    who = next(r for r in context["by_actor"] if r["slug"] == world["who"].slug)
    assert who["latest"] is None and who["age_days"] is None


def test_about_states_licence_and_citations(client, world, quality_file):
    html = client.get(ABOUT).content.decode()
    assert "CC BY 4.0" in html and 'rel="license"' in html
    assert f"http://testserver{world['summary'].get_absolute_url()}" in html
    assert f"(accessed {timezone.localdate():%-d %B %Y})" in html
    assert f"?dialogue={world['dialogue'].slug}" in html


def test_about_escapes_stored_text(client, db, quality_file):
    make_document(title='<script>alert("x")</script>')
    make_theme(name="<b>bold</b>")
    html = client.get(ABOUT).content.decode()
    assert '<script>alert("x")</script>' not in html and "&lt;script&gt;" in html


def test_footer_links_the_open_data_pages(client, world):
    html = client.get(reverse("recommendations:home")).content.decode()
    assert f'href="{DICTIONARY}"' in html and f'href="{ABOUT}"' in html


# --- Query budgets --------------------------------------------------------------------------------

def test_about_queries_do_not_grow_with_rows(client, db, quality_file, django_assert_max_num_queries):
    for _ in range(6):
        theme = make_theme()
        recs = make_recommendations(8, actors_each=2, theme=theme, current_status=Status.IN_PROGRESS,
                                    status_as_of=date.today() - timedelta(days=30))
        make_recommendation(document=recs[0].document, actors=[make_actor()])
    with django_assert_max_num_queries(5):
        assert client.get(ABOUT).status_code == 200


def test_dictionary_and_datapackage_need_no_query(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        assert client.get(DICTIONARY).status_code == 200
        assert client.get(PACKAGE).status_code == 200


# --- The reader_quality command -------------------------------------------------------------------

def test_reader_quality_writes_and_prints_the_figures(tmp_path):
    out, target = io.StringIO(), tmp_path / "q.json"
    call_command("reader_quality", "--output", str(target), stdout=out)
    figures = json.loads(target.read_text())
    assert figures["reports"] >= 50 and figures["gold_items"] > 500
    assert 0.9 <= figures["recall"] <= 1 and 0.9 <= figures["actor_accuracy"] <= 1
    assert f"{figures['reports']} reports" in out.getvalue()
    assert f"recall {figures['recall']:.1%}" in out.getvalue()


def test_reader_quality_refuses_a_bad_gold_file_and_writes_nothing(tmp_path):
    bad, target = tmp_path / "bad.gold.toml", tmp_path / "q.json"
    bad.write_text("not = [toml")
    with pytest.raises(CommandError, match="bad.gold.toml"):
        call_command("reader_quality", str(bad), "--output", str(target))
    assert not target.exists()
