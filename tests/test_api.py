"""The read API: what it lists, how it pages, what it refuses, and the HTTP rules around it."""

import json
import re
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from api.http import ClientRateThrottle
from api.pagination import encode_cursor
from api.schemas import FilterQuery
from recommendations.filters import RecommendationFilterSet
from recommendations.models import Recommendation, Status, StatusUpdate
from recommendations.services import refresh_all_search_index
from tests.factories import (
    make_actor,
    make_alias,
    make_dialogue,
    make_document,
    make_indicator,
    make_indicator_value,
    make_portal_world,
    make_priority_issue,
    make_recommendation,
    make_recommendations,
    make_status_update,
    make_theme,
)

RECS = reverse("api:recommendation-list")
FACETS = reverse("api:recommendation-facets")


@pytest.fixture
def world(db):
    return make_portal_world()


def ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


def rec_url(pk: int) -> str:
    return reverse("api:recommendation-detail", args=[pk])


def unchanged(before: tuple) -> bool:
    return before == (Recommendation.objects.count(), StatusUpdate.objects.count())


def counts() -> tuple:
    return Recommendation.objects.count(), StatusUpdate.objects.count()


# --- Recommendations ---------------------------------------------------------------------------------

def test_recommendation_list_shows_only_published_ones_by_id(client, world):
    response = client.get(RECS)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    published = sorted(Recommendation.objects.published().values_list("pk", flat=True))
    assert ids(response) == published
    assert world["secret"].pk not in ids(response)
    assert response.json()["next_cursor"] is None


def test_recommendation_row_carries_actors_roles_countries_and_status(client, world):
    row = next(r for r in client.get(RECS).json()["results"] if r["id"] == world["nurses"].pk)
    assert row["status"] == "in progress" and row["status_as_of"] == "2024-03-01"
    assert row["actors"] == [{"id": world["moh"].pk, "slug": world["moh"].slug, "name": "Ministry of Health",
                              "role": "lead"}]
    assert row["countries"] == ["KH", "LA"]
    assert row["theme"] == {"slug": "health", "name": "Health"}
    assert row["dialogue"]["title"] == "Human Resources Dialogue"
    assert row["priority_issue"]["number"] == 1


@pytest.mark.parametrize("params", [
    {"theme": "health"}, {"actor": "GOVERNMENT"}, {"actor_kind": "ministry"}, {"country": "KH"},
    {"status": "implemented"}, {"sdg": "4"}, {"year": "2022"}, {"year": "2023"}, {"q": "retention bonuses"},
    {"q": "World Health Organization", "theme": "health"}, {"recurring": "once"},
])
def test_recommendation_filters_are_the_public_lists(client, world, params):
    params = {k: world["government"].slug if v == "GOVERNMENT" else v for k, v in params.items()}
    page = client.get(reverse("recommendations:recommendation-list"), params).context["page"]
    assert ids(client.get(RECS, params)) == sorted(rec.pk for rec in page)


def test_recommendation_filters_by_series_dialogue_and_priority_issue(client, world):
    assert len(ids(client.get(RECS, {"series": world["series"].slug}))) == 5
    assert len(ids(client.get(RECS, {"dialogue": world["dialogue"].slug}))) == 5
    assert ids(client.get(RECS, {"priority_issue": world["issue"].pk})) == sorted(
        [world["nurses"].pk, world["safeguard"].pk])


def test_api_takes_exactly_the_public_lists_filters_but_its_order():
    assert set(FilterQuery.model_fields) == set(RecommendationFilterSet.base_filters) - {"sort"}


def test_cursor_pages_through_every_row_once(client, db):
    made = sorted(rec.pk for rec in make_recommendations(7, actors_each=1))
    seen, params, pages = [], {"limit": 3}, 0
    while True:
        body = client.get(RECS, params).json()
        seen += [row["id"] for row in body["results"]]
        pages += 1
        if body["next_cursor"] is None:
            assert body["next"] is None
            break
        assert body["next"].endswith(f"cursor={body['next_cursor']}") and "limit=3" in body["next"]
        params = {"limit": 3, "cursor": body["next_cursor"]}
    assert seen == made and pages == 3


def test_cursor_keeps_the_filters_in_the_next_link(client, db):
    make_recommendations(3, actors_each=1, theme=make_theme(name="Health"))
    body = client.get(RECS, {"theme": "health", "limit": 2}).json()
    assert "theme=health" in body["next"]
    assert len(ids(client.get(body["next"]))) == 1


def test_a_row_added_meanwhile_is_neither_skipped_nor_repeated(client, db):
    first = make_recommendations(3, actors_each=1)
    body = client.get(RECS, {"limit": 2}).json()
    added = make_recommendation()
    rest = ids(client.get(RECS, {"limit": 2, "cursor": body["next_cursor"]}))
    assert [row["id"] for row in body["results"]] + rest == [rec.pk for rec in first] + [added.pk]


def test_recommendation_detail_has_actors_countries_indicators_and_history(client, world):
    indicator = world["indicator"]
    indicator.recommendations.add(world["nurses"])
    body = client.get(rec_url(world["nurses"].pk)).json()
    assert body["text"] == "Ministries of Health should fund retention bonuses for rural nurses."
    assert [a["name"] for a in body["actors"]] == ["Ministry of Health"]
    assert body["countries"] == ["KH", "LA"]
    assert body["document"] == {"id": world["document"].pk, "title": "Summary report"}
    assert body["status_history"] == [{
        "status": "in progress", "as_of": "2024-03-01", "narrative": "Bonuses piloted in two provinces.",
        "evidence_url": "https://example.org/evidence", "evidence_document": None}]
    assert body["indicators"][0]["name"] == "Penta 3 immunisation rate"
    assert {(v["kind"], v["value"]) for v in body["indicators"][0]["values"]} == {("target", 95.0), ("result", 80.0)}
    assert body["summarised_by"] == [world["summary"].pk]


def test_status_history_is_newest_first(client, world):
    make_status_update(recommendation=world["skills"], status=Status.IN_PROGRESS, as_of=world["update"].as_of)
    history = client.get(rec_url(world["skills"].pk)).json()["status_history"]
    assert [h["as_of"] for h in history] == ["2024-05-01", "2024-03-01"]


def test_nothing_staff_only_is_given(client, world):
    world["moh"].needs_review = True
    world["moh"].save()
    text = "".join(client.get(url).content.decode() for url in [
        rec_url(world["nurses"].pk), rec_url(world["skills"].pk), RECS, reverse("api:actor-list"),
        reverse("api:actor-detail", args=[world["moh"].pk]), reverse("api:dialogue-list")])
    assert "secret-staffer" not in text  # who recorded the updates
    for field in ("recorded_by", "recorded_at", "needs_review", "search_text", "checksum", '"key"', '"text": "SUMMARY'):
        assert field not in text


def test_draft_recommendation_is_not_found(client, world):
    response = client.get(rec_url(world["secret"].pk))
    assert response.status_code == 404
    assert response.json()["detail"] == f"No published recommendation has id {world['secret'].pk}."


def test_unknown_recommendation_id_is_404_json(client, world):
    before = counts()
    response = client.get(rec_url(999999))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "No published recommendation has id 999999.", "errors": {}}
    assert unchanged(before)


def test_facets_are_the_public_lists(client, world):
    params = {"theme": "health", "status": "in progress"}
    body = client.get(FACETS, params).json()
    page_facets = client.get(reverse("recommendations:recommendation-list"), params).context["facets"]
    assert body["count"] == 1
    assert [f["name"] for f in body["facets"]] == [f.name for f in page_facets]
    theme = next(f for f in body["facets"] if f["name"] == "theme")
    assert {o["value"]: o["count"] for o in theme["options"]} == {"health": 1}
    status = next(f for f in body["facets"] if f["name"] == "status")
    assert {o["value"]: o["count"] for o in status["options"]} == {"no information": 2, "in progress": 1}
    assert next(o for o in theme["options"] if o["value"] == "health")["selected"] is True


def test_facets_refuse_paging_parameters(client, world):
    response = client.get(FACETS, {"cursor": encode_cursor(1)})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


# --- Bad input: each answers JSON with a message, and changes nothing --------------------------------------

def test_unknown_filter_parameter_is_400_naming_it(client, world):
    before = counts()
    response = client.get(RECS, {"colour": "red", "theme": "health"})
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Unknown parameter: colour. This endpoint takes actor, actor_kind, country,")
    assert list(body["errors"]) == ["colour"]
    assert unchanged(before)


def test_the_lists_sort_order_is_refused(client, world):
    response = client.get(RECS, {"sort": "status"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Unknown parameter: sort.")


def test_invalid_filter_value_has_the_filtersets_message(client, world):
    before = counts()
    response = client.get(RECS, {"theme": "no-such-theme"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid theme: There is no such theme.",
                               "errors": {"theme": ["There is no such theme."]}}
    assert unchanged(before)


def test_draft_theme_is_no_filter_value(client, world):
    response = client.get(RECS, {"theme": world["secret_theme"].slug})
    assert response.status_code == 400


@pytest.mark.parametrize("cursor", ["not-a-cursor", "eyJhZnRlciI6Ii0xIn0", encode_cursor(-1), "e30", "%%%"])
def test_malformed_cursor_is_400(client, world, cursor):
    before = counts()
    response = client.get(RECS, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["detail"] == ("The cursor is malformed: pass the next_cursor of the previous page "
                                         "as it was given.")
    assert unchanged(before)


def test_limit_zero_is_400(client, world):
    before = counts()
    response = client.get(RECS, {"limit": "0"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid limit: Input should be greater than or equal to 1.",
                               "errors": {"limit": ["Input should be greater than or equal to 1."]}}
    assert unchanged(before)


def test_limit_above_100_is_400(client, world):
    before = counts()
    response = client.get(RECS, {"limit": "100000"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid limit: Input should be less than or equal to 100."
    assert unchanged(before)


def test_limit_that_is_no_number_is_400(client, world):
    response = client.get(reverse("api:actor-list"), {"limit": "ten"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid limit: Input should be a valid integer")


def test_non_json_accept_header_is_406(client, world):
    before = counts()
    response = client.get(RECS, headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("This API answers in JSON only")
    assert unchanged(before)


@pytest.mark.parametrize("accept", ["application/json", "*/*", "application/*",
                                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_accept_headers_taking_json_get_json(client, world, accept):
    assert client.get(RECS, headers={"Accept": accept}).status_code == 200


def test_non_numeric_id_is_400(client, world):
    response = client.get("/api/recommendations/abc")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Invalid id: Input should be a valid integer")


def test_detail_takes_no_parameters(client, world):
    response = client.get(rec_url(world["nurses"].pk), {"limit": "5"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown parameter: limit. This endpoint takes no parameters."


def test_unknown_address_under_api_is_404_json(client, db):
    response = client.get("/api/recommendation")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no API endpoint at /api/recommendation")


# --- Actors, dialogues, themes, priority issues, indicators ---------------------------------------------

def test_actor_list_has_parent_and_aliases(client, world):
    rows = {row["id"]: row for row in client.get(reverse("api:actor-list")).json()["results"]}
    assert world["secret_actor"].pk not in rows
    assert rows[world["moh"].pk]["parent"] == {"id": world["government"].pk, "slug": world["government"].slug,
                                               "name": "Government of Cambodia"}
    assert rows[world["who"].pk]["aliases"] == ["WHO"]
    assert rows[world["moh"].pk]["country"] == "KH" and rows[world["who"].pk]["country"] == ""


def test_actor_detail_lists_public_sub_actors(client, world):
    body = client.get(reverse("api:actor-detail", args=[world["government"].pk])).json()
    assert [c["name"] for c in body["children"]] == ["Ministry of Health"]
    assert client.get(reverse("api:actor-detail", args=[world["secret_actor"].pk])).status_code == 404


def test_dialogue_list_has_documents_without_their_text(client, world):
    rows = client.get(reverse("api:dialogue-list")).json()["results"]
    assert [row["title"] for row in rows] == ["Human Resources Dialogue"]
    assert rows[0]["documents"] == [{"id": world["document"].pk, "title": "Summary report",
                                     "kind": "summary report", "published_on": None, "language": "en",
                                     "source_url": ""}]
    assert rows[0]["recommendation_count"] == 5
    assert rows[0]["participation"]["participants"] == 62


def test_draft_dialogue_is_not_found(client, world):
    assert client.get(reverse("api:dialogue-detail", args=[world["draft"].pk])).status_code == 404
    assert client.get(reverse("api:dialogue-detail", args=[world["dialogue"].pk])).json()["series"] == {
        "slug": world["series"].slug, "name": "Mekong Policy Dialogues"}


def test_theme_list_counts_published_recommendations(client, world):
    rows = client.get(reverse("api:theme-list")).json()["results"]
    assert {row["slug"]: row["recommendation_count"] for row in rows} == {"health": 3, "education": 2}


def test_priority_issue_list(client, world):
    rows = client.get(reverse("api:priority-issue-list")).json()["results"]
    assert [(row["theme"]["name"], row["number"]) for row in rows] == [("Health", 1)]
    assert rows[0]["dialogue"]["id"] == world["dialogue"].pk


def test_indicator_list_has_values_and_progress(client, world):
    rows = client.get(reverse("api:indicator-list")).json()["results"]
    assert [row["name"] for row in rows] == ["Penta 3 immunisation rate"]
    assert [(v["period"], v["kind"], v["raw"]) for v in rows[0]["values"]] == [
        ("2024", "result", "80%"), ("2024", "target", "95%")]
    assert rows[0]["progress"]["year"] == 2024 and rows[0]["progress"]["state"] == "off track"


def test_every_endpoint_answers_200(client, world):
    urls = [RECS, FACETS, rec_url(world["nurses"].pk), reverse("api:actor-list"),
            reverse("api:actor-detail", args=[world["who"].pk]), reverse("api:dialogue-list"),
            reverse("api:dialogue-detail", args=[world["dialogue"].pk]), reverse("api:theme-list"),
            reverse("api:priority-issue-list"), reverse("api:indicator-list"), reverse("api:openapi-json"),
            reverse("api:openapi-view"), reverse("api:api-root")]
    for url in urls:
        assert client.get(url).status_code == 200, url


# --- Query budgets -----------------------------------------------------------------------------------

def test_recommendation_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    parent = make_actor(name="Parent body")
    for rec in make_recommendations(60, actors_each=3, theme=make_theme(name="Health")):
        rec.responsibilities.create(actor=make_actor(parent=parent))
        make_status_update(recommendation=rec)
    refresh_all_search_index()
    with django_assert_max_num_queries(3):  # the rows, their actors, their countries
        assert len(ids(client.get(RECS, {"limit": 100}))) == 60
    params = {"theme": "health", "actor": parent.slug, "country": "KH", "q": "ministries", "limit": 100}
    with django_assert_max_num_queries(7):  # + the theme and actor looked up, the actor's tree (two levels)
        assert len(ids(client.get(RECS, params))) == 60


def test_recommendation_detail_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    rec = make_recommendation(actors=[make_actor() for _ in range(10)], countries=["KH", "LA", "TH"])
    for n in range(10):
        make_status_update(recommendation=rec, as_of=rec.dialogue.start_date.replace(day=n + 1))
        indicator = make_indicator(dialogue=rec.dialogue)
        indicator.recommendations.add(rec)
        make_indicator_value(indicator=indicator, value=n)
    # The row, then its actors, countries, goals, history, repeats both ways, indicators and their values.
    with django_assert_max_num_queries(9):
        assert len(client.get(rec_url(rec.pk)).json()["status_history"]) == 10


def test_facet_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    make_recommendations(60, actors_each=3, theme=make_theme(name="Health"))
    with django_assert_max_num_queries(13):  # the theme, each facet's GROUP BY and labels, the count
        assert client.get(FACETS, {"theme": "health"}).json()["count"] == 60


def test_other_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    for n in range(30):
        dialogue = make_dialogue()
        document = make_document(dialogue=dialogue)
        theme = make_theme()
        parent = make_actor()
        make_alias(actor=parent, name=f"Alias {n}")
        make_recommendation(document=document, theme=theme, actors=[make_actor(parent=parent), parent])
        make_priority_issue(dialogue=dialogue, theme=theme)
        make_indicator_value(indicator=make_indicator(dialogue=dialogue), value=n)
        dialogue.organisers.add(parent)
    budgets = {"api:actor-list": 2, "api:dialogue-list": 3, "api:theme-list": 1, "api:priority-issue-list": 1,
               "api:indicator-list": 2}
    for name, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert len(ids(client.get(reverse(name), {"limit": 100}))) >= 30, name


# --- HTTP: rate limit, CORS, OpenAPI and the docs page ----------------------------------------------------

@pytest.fixture
def clock(monkeypatch):
    """The rate limit's clock, 30 seconds into a minute; ``clock.now`` moves it."""
    clock = SimpleNamespace(now=1_700_000_010.0)  # a multiple of 60, plus 30
    monkeypatch.setattr(ClientRateThrottle, "clock", staticmethod(lambda: clock.now))
    return clock


def test_too_many_requests_from_one_address_answer_429_with_retry_after(client, world, settings, clock):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get(RECS).status_code == 200
    response = client.get(RECS)
    assert response.status_code == 429
    assert response["Retry-After"] == "30"  # the rest of the minute
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith("Too many requests: at most 3 a minute from one address.")


def test_the_limit_starts_afresh_the_next_minute(client, world, settings, clock):
    settings.API_RATE_LIMIT = 1
    assert client.get(RECS).status_code == 200
    assert client.get(RECS).status_code == 429
    clock.now += 30
    assert client.get(RECS).status_code == 200


def test_rate_limit_counts_each_address_apart(client, world, settings, clock):
    settings.API_RATE_LIMIT = 1
    assert client.get(RECS, REMOTE_ADDR="192.0.2.1").status_code == 200
    assert client.get(RECS, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(RECS, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, world, settings, clock):
    settings.API_RATE_LIMIT = 1
    assert client.get(RECS, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert client.get(RECS, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 429


def test_docs_and_openapi_document_are_not_counted(client, world, settings, clock):
    settings.API_RATE_LIMIT = 1
    for _ in range(3):
        assert client.get(reverse("api:openapi-json")).status_code == 200
        assert client.get(reverse("api:openapi-view")).status_code == 200
    assert client.get(RECS).status_code == 200


def test_api_answers_are_readable_from_any_origin(client, world):
    for url in [RECS, rec_url(999999), reverse("api:openapi-json")]:
        assert client.get(url, headers={"Origin": "https://example.org"})["Access-Control-Allow-Origin"] == "*", url
    head = client.head(RECS)
    assert head.status_code == 200 and head["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_is_answered(client, db):
    response = client.options(RECS, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET",
                                             "Access-Control-Request-Headers": "if-none-match"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_pages_outside_the_api_are_not_opened_to_other_origins(client, world):
    response = client.get(reverse("recommendations:recommendation-list"), headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in response


def test_openapi_document_describes_every_endpoint(client, db):
    document = client.get(reverse("api:openapi-json")).json()
    assert set(document["paths"]) == {
        "/api/recommendations", "/api/recommendations/facets", "/api/recommendations/{id}", "/api/actors",
        "/api/actors/{id}", "/api/dialogues", "/api/dialogues/{id}", "/api/themes", "/api/priority-issues",
        "/api/indicators"}
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/api/recommendations"]["get"]["parameters"]}
    assert parameters["limit"] == {"default": 25, "description": "How many items a page holds.", "maximum": 100,
                                   "minimum": 1, "title": "Limit", "type": "integer"}
    assert parameters["status"]["enum"] == Status.values
    assert set(document["paths"]["/api/recommendations/{id}"]["get"]["responses"]) == {"200", "400", "404", "406",
                                                                                      "429"}


def test_docs_page_runs_only_the_sites_own_scripts(client, db):
    response = client.get(reverse("api:openapi-view"))
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert scripts
    for attributes, body in scripts:
        if 'type="application/json"' in attributes:  # data, which no browser runs
            assert json.loads(body)["url"] == reverse("api:openapi-json")
        else:
            assert re.search(r'src="/static/[^"]+"', attributes) and not body.strip(), attributes
    assert "style=" not in html and "<style" not in html
    assert "http:" not in html and "https:" not in html and '="//' not in html  # nothing from elsewhere


def test_docs_page_assets_are_served_by_whitenoise_after_collectstatic(db, settings, tmp_path):
    """As in production: collected by the manifest storage (hashed names), then served by WhiteNoise."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    call_command("collectstatic", "--noinput", verbosity=0)
    client = Client()  # a fresh handler: WhiteNoise indexes STATIC_ROOT when it starts
    html = client.get(reverse("api:openapi-view")).content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert len(assets) == 4  # the style sheet, the icon, Swagger UI and the script starting it
    assert any(re.fullmatch(r"/static/ninja/swagger-ui-bundle\.[0-9a-f]{12}\.js", a) for a in assets), assets
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert "immutable" in response["Cache-Control"], asset
