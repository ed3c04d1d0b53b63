"""The home page, the filtered list with its facets, a recommendation, countries and indicators."""

from datetime import date

import pytest
from django.urls import reverse

from recommendations.models import Recommendation, Status
from recommendations.services import refresh_all_search_index
from recommendations.templatetags.portal_tags import highlight, query_url
from tests.factories import (
    make_actor,
    make_document,
    make_portal_world,
    make_recommendation,
    make_recommendations,
    make_status_update,
    make_theme,
)

LIST = reverse("recommendations:recommendation-list")


@pytest.fixture
def world(db):
    return make_portal_world()


def facet(response, name):
    return next(f for f in response.context["facets"] if f.name == name)


def counts(response, name):
    return {o.value: o.n for o in facet(response, name).options}


def listed(response):
    return [rec.pk for rec in response.context["page"]]


# --- Home -------------------------------------------------------------------------------------------

def test_home_shows_totals_chart_and_latest_updates(client, world):
    response = client.get(reverse("recommendations:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["totals"]["recommendations"] == 5
    assert 'role="img"' in html and "<title id=" in html and "<table>" in html
    assert "Bonuses piloted in two provinces." in html
    assert "Secret" not in html  # nothing of the draft dialogue


def test_home_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    for n in range(4):
        make_recommendations(10, actors_each=3, theme=make_theme(name=f"Theme {n}"))
    for rec in Recommendation.objects.all()[:10]:
        make_status_update(recommendation=rec)
    with django_assert_max_num_queries(11):  # the figures, plus the data version read by the page and figure caches
        assert client.get(reverse("recommendations:home")).status_code == 200


# --- The list: filters ------------------------------------------------------------------------------

def test_list_shows_only_published_recommendations(client, world):
    response = client.get(LIST)
    assert world["secret"].pk not in listed(response)
    assert response.context["page"].paginator.count == 5


def test_filter_by_theme(client, world):
    response = client.get(LIST, {"theme": "health"})
    assert set(listed(response)) == {world["nurses"].pk, world["safeguard"].pk, world["summary"].pk}


def test_filter_by_parent_actor_includes_its_sub_actors(client, world):
    response = client.get(LIST, {"actor": world["government"].slug})
    assert set(listed(response)) == {world["nurses"].pk, world["summary"].pk}


def test_filter_by_actor_kind_lists_each_recommendation_once(client, world):
    response = client.get(LIST, {"actor_kind": "ministry"})
    assert sorted(listed(response)) == sorted([world["nurses"].pk, world["summary"].pk])


def test_filter_by_country_status_sdg_year_series_dialogue_and_issue(client, world):
    assert set(listed(client.get(LIST, {"country": "KH"}))) == {world["nurses"].pk, world["skills"].pk}
    assert listed(client.get(LIST, {"status": "implemented"})) == [world["skills"].pk]
    assert listed(client.get(LIST, {"sdg": "4"})) == [world["skills"].pk]
    assert len(listed(client.get(LIST, {"year": "2022"}))) == 5
    assert listed(client.get(LIST, {"year": "2023"})) == []
    assert len(listed(client.get(LIST, {"series": world["series"].slug}))) == 5
    assert len(listed(client.get(LIST, {"dialogue": world["dialogue"].slug}))) == 5
    assert set(listed(client.get(LIST, {"priority_issue": world["issue"].pk}))) == {
        world["nurses"].pk, world["safeguard"].pk}


def test_search_finds_words_in_the_text_and_actor_names(client, world):
    assert listed(client.get(LIST, {"q": "retention bonuses"})) == [world["nurses"].pk]
    assert world["safeguard"].pk in listed(client.get(LIST, {"q": "World Health Organization"}))
    assert listed(client.get(LIST, {"q": "zebras"})) == []  # the draft's wording


def test_search_terms_are_highlighted_and_text_escaped(client, db):
    make_recommendation(text="Donors <script>alert(1)</script> should fund nurses.")
    refresh_all_search_index()
    html = client.get(LIST, {"q": "nurses"}).content.decode()
    assert "<mark>nurses</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_escapes_before_marking():
    out = highlight('<b>Health</b> & "amp" workers', ["amp", "health", "-b"])
    assert out == '&lt;b&gt;<mark>Health</mark>&lt;/b&gt; &amp; &quot;<mark>amp</mark>&quot; workers'
    assert highlight("Ministries act", ["ministry"]) == "<mark>Ministries</mark> act"


def test_sort_by_status_theme_and_date(client, world):
    by_status = client.get(LIST, {"sort": "status"}).context["page"]
    order = [r.current_status for r in by_status]
    assert order == sorted(order, key=Status.values.index)
    by_theme = [r.theme.name for r in client.get(LIST, {"sort": "theme"}).context["page"]]
    assert by_theme == sorted(by_theme)
    older = make_recommendation(dialogue=None, text="An older one.")
    older.dialogue.start_date = date(2019, 1, 1)
    older.dialogue.save()
    assert listed(client.get(LIST, {"sort": "oldest"}))[0] == older.pk
    assert listed(client.get(LIST))[-1] == older.pk


# --- The list: facets -------------------------------------------------------------------------------

def test_facet_counts_use_the_other_filters_only(client, world):
    response = client.get(LIST, {"theme": "health", "status": "in progress"})
    # The theme facet ignores the theme filter but keeps the status filter.
    assert counts(response, "theme") == {"health": 1}
    # The status facet ignores the status filter but keeps the theme filter.
    assert counts(response, "status") == {"no information": 2, "in progress": 1}
    assert facet(response, "theme").selected.value == "health"


def test_facet_counts_without_filters(client, world):
    response = client.get(LIST)
    assert counts(response, "theme") == {"health": 3, "education": 2}
    assert counts(response, "country") == {"KH": 2, "LA": 1, "TH": 1}
    assert counts(response, "actor_kind") == {"ministry": 2, "un_agency": 2, "group": 1, "donor": 1}
    assert counts(response, "year") == {"2022": 5}
    assert counts(response, "sdg") == {"4": 1}
    actor_counts = counts(response, "actor")
    assert actor_counts[world["government"].slug] == 2  # through its Ministry of Health
    assert actor_counts[world["who"].slug] == 2
    assert world["secret_actor"].slug not in actor_counts  # facets come from published data only


def test_chosen_option_with_no_match_stays_selected_at_zero(client, world):
    response = client.get(LIST, {"theme": "education", "status": "in progress"})
    selected = facet(response, "theme").selected
    assert (selected.value, selected.n) == ("education", 0)
    assert "No recommendation matches these filters" in response.content.decode()


def test_priority_issue_facet_appears_once_a_dialogue_is_chosen(client, world):
    assert "priority_issue" not in [f.name for f in client.get(LIST).context["facets"]]
    response = client.get(LIST, {"dialogue": world["dialogue"].slug})
    assert counts(response, "priority_issue") == {str(world["issue"].pk): 2}


def test_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    make_recommendations(40, actors_each=3)
    with django_assert_max_num_queries(16):
        assert client.get(LIST).status_code == 200


def test_filtered_list_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    parent = make_actor(name="Parent body")
    make_recommendations(40, actors_each=3)
    theme = make_theme(name="Health")
    for rec in make_recommendations(40, actors_each=3, theme=theme):
        rec.responsibilities.create(actor=make_actor(parent=parent))
    refresh_all_search_index()
    params = {"theme": "health", "actor": parent.slug, "country": "KH", "q": "ministries", "page": "2"}
    with django_assert_max_num_queries(20):
        response = client.get(LIST, params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 40


# --- The list: the URL ------------------------------------------------------------------------------

def test_empty_parameters_redirect_to_a_clean_url(client, world):
    response = client.get(LIST, {"q": "", "theme": "health", "status": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?theme=health"


def test_pagination_links_keep_the_filters(client, db):
    make_recommendations(30, actors_each=1, theme=make_theme(name="Health"))
    html = client.get(LIST, {"theme": "health", "sort": "status"}).content.decode()
    assert 'href="?theme=health&amp;sort=status&amp;page=2"' in html


def test_download_links_keep_the_query(client, world):
    html = client.get(LIST, {"theme": "health"}).content.decode()
    assert f'href="{reverse("recommendations:export-csv")}?theme=health"' in html
    assert f'href="{reverse("recommendations:export-json")}?theme=health"' in html


def test_query_url_drops_empty_values_and_first_page():
    from django.http import QueryDict

    assert query_url(QueryDict("theme=health&q=x"), remove="q", page=1) == "?theme=health"
    assert query_url(None, page=3) == "?page=3"
    assert query_url(QueryDict("theme=health"), status="") == "?theme=health"


def test_list_has_a_clear_empty_state(client, db):
    response = client.get(LIST)
    assert response.status_code == 200
    assert "No recommendations have been published yet." in response.content.decode()


# --- The list: bad input ----------------------------------------------------------------------------

@pytest.mark.parametrize(("params", "message"), [
    ({"theme": "nope"}, "There is no such theme."),
    ({"status": "bogus"}, "There is no such status."),
    ({"year": "abc"}, "The year must be a number, like 2024."),
    ({"actor": "999999"}, "There is no such actor."),
    ({"dialogue": "missing"}, "There is no such dialogue."),
    ({"priority_issue": "abc"}, "There is no such priority issue."),
    ({"sdg": "99"}, "There is no such SDG goal (1 to 17)."),
    ({"country": "XX"}, "There is no country with that code."),
    ({"actor_kind": "alien"}, "There is no such kind of actor."),
    ({"sort": "sideways"}, "Unknown sort order."),
    ({"q": "x" * 10_000}, "The search text is too long"),
])
def test_invalid_filter_gives_a_message_and_the_unfiltered_list(client, world, params, message):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"].paginator.count == 5


def test_invalid_filter_keeps_the_valid_ones(client, world):
    response = client.get(LIST, {"theme": "health", "status": "bogus"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 3


def test_secret_dialogue_slug_is_an_invalid_filter(client, world):
    response = client.get(LIST, {"dialogue": world["draft"].slug})
    assert "There is no such dialogue." in response.content.decode()
    assert world["secret"].pk not in listed(response)


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_page_past_the_end_or_not_a_number_shows_a_page(client, world, page):
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert response.context["page"].number == 1


# --- A recommendation ---------------------------------------------------------------------------------

def test_recommendation_page_shows_text_source_actors_and_history(client, world):
    rec = world["nurses"]
    response = client.get(rec.get_absolute_url())
    html = response.content.decode()
    assert rec.text in html
    assert f'{world["document"].get_absolute_url()}#L6' in html
    assert '<li class="cited">' in html  # the cited line within its paragraph
    assert "Priority issue 1: health workers leave for better pay abroad." in html  # the context line
    assert "Ministry of Health" in html and "lead" in html
    assert "Bonuses piloted in two provinces." in html and "https://example.org/evidence" in html
    assert world["safeguard"].text in html  # same priority issue
    assert world["summary"].text in html  # repeated by this summary item


def test_recommendation_page_never_shows_who_recorded_an_update(client, world):
    html = client.get(world["nurses"].get_absolute_url()).content.decode()
    assert "secret-staffer" not in html


def test_summary_item_lists_what_it_repeats(client, world):
    html = client.get(world["summary"].get_absolute_url()).content.decode()
    assert "This summary item repeats" in html and world["safeguard"].text in html


def test_recommendation_of_a_draft_dialogue_is_not_found(client, world):
    response = client.get(world["secret"].get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_unknown_recommendation_is_not_found(client, db):
    assert client.get(reverse("recommendations:recommendation-detail", args=[999999])).status_code == 404


def test_recommendation_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, world):
    rec = world["nurses"]
    for i in range(20):
        make_recommendation(document=world["document"], priority_issue=world["issue"], theme=world["health"],
                            actors=[make_actor(), make_actor(), make_actor()], countries=["KH", "LA"])
        make_status_update(recommendation=rec, as_of=date(2023, 1, 1 + i))
    with django_assert_max_num_queries(12):  # +1: the data version the page cache reads
        assert client.get(rec.get_absolute_url()).status_code == 200


# --- Countries and indicators ---------------------------------------------------------------------

def test_country_list_and_page(client, world):
    response = client.get(reverse("recommendations:country-list"))
    assert [c["code"] for c in response.context["countries"]] == ["KH", "LA", "TH"]
    page = client.get(reverse("recommendations:country-detail", args=["kh"]))
    assert page.status_code == 200
    assert {r.pk for r in page.context["page"]} == {world["nurses"].pk, world["skills"].pk}


@pytest.mark.parametrize("code", ["XX", "VN", "zzz", "F"])
def test_unknown_or_unpublished_country_is_not_found(client, world, code):
    # VN is only concerned by the draft dialogue.
    assert client.get(reverse("recommendations:country-detail", args=[code])).status_code == 404


def test_country_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    make_recommendations(40, actors_each=3)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("recommendations:country-detail", args=["KH"])).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("recommendations:country-list")).status_code == 200


def test_indicator_pages_show_values_of_published_dialogues_only(client, world):
    response = client.get(reverse("recommendations:indicator-list"))
    html = response.content.decode()
    assert "Penta 3 immunisation rate" in html and "Secret indicator" not in html
    detail = client.get(world["indicator"].get_absolute_url()).content.decode()
    assert "95%" in detail and "80%" in detail
    assert client.get(world["draft_indicator"].get_absolute_url()).status_code == 404
    assert client.get(reverse("recommendations:indicator-detail", args=["nope"])).status_code == 404


def test_indicator_list_queries_are_bounded(client, django_assert_max_num_queries, db):
    from tests.factories import make_dialogue, make_indicator, make_indicator_value

    dialogue = make_dialogue()
    for _ in range(15):
        ind = make_indicator(dialogue=dialogue)
        make_indicator_value(indicator=ind, period="2024")
        make_indicator_value(indicator=ind, period="2025")
    # Indicators, their values, and the dialogue and theme options of the filter form.
    with django_assert_max_num_queries(5):  # +1: the data version the page cache reads
        assert client.get(reverse("recommendations:indicator-list")).status_code == 200


def test_custom_500_template_renders_without_context():
    from django.template import Context, engines

    html = engines["django"].get_template("500.html").template.render(Context())
    assert "Something went wrong" in html


def test_pages_use_no_inline_script_or_style(client, world):
    for url in [reverse("recommendations:home"), LIST, world["nurses"].get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "style=" not in html and "<style" not in html
        assert "<script>" not in html and "<script src" in html


def test_make_document_is_used(db):
    assert make_document().text.startswith("Line one")


@pytest.mark.parametrize("params", [
    {"priority_issue": "99999999999999999999"},
    {"sdg": "99999999999999999999"},
    {"year": "99999999999999999999"},
    {"page": "99999999999999999999"},
    {"q": "\x00"},
    {"theme": "\x00"},
    {"actor": "\x00"},
    {"q": '"unbalanced -( :* & | !'},
    {"theme": ["health", "education"]},
])
def test_hostile_input_never_fails(client, world, params):
    assert client.get(LIST, params).status_code == 200
    assert client.get(reverse("recommendations:export-csv"), params).status_code == 200


@pytest.mark.parametrize("url", [
    "/recommendations/99999999999999999999/",
    "/dialogues/documents/99999999999999999999/",
    "/countries/%00/",
    "/indicators/%00/",
])
def test_hostile_paths_are_not_found(client, db, url):
    assert client.get(url).status_code == 404


def test_actor_facet_counts_a_whole_tree_once(client, db):
    government = make_actor(name="Government")
    ministry = make_actor(name="Ministry", parent=government)
    department = make_actor(name="Department", parent=ministry)
    make_recommendation(actors=[government, department])  # named twice in one tree: counted once
    make_recommendation(actors=[department])
    make_recommendation(actors=[ministry])
    response = client.get(LIST)
    actor_counts = counts(response, "actor")
    assert actor_counts[government.slug] == 3
    assert actor_counts[ministry.slug] == 3
    assert actor_counts[department.slug] == 2
    assert response.context["page"].paginator.count == 3
    assert client.get(LIST, {"actor": government.slug}).context["page"].paginator.count == 3


def test_long_facets_offer_the_options_with_most_recommendations(client, db):
    from recommendations.filters import FACET_LIMIT

    busy = make_actor(name="Busy actor")
    for _ in range(FACET_LIMIT + 5):
        make_recommendation(actors=[make_actor(), busy])
    response = client.get(LIST)
    actor_facet = facet(response, "actor")
    assert len(actor_facet.options) == FACET_LIMIT and actor_facet.total == FACET_LIMIT + 6
    assert busy.slug in counts(response, "actor")
    assert "The 40 with the most recommendations, of 46." in response.content.decode()
    rare = Recommendation.objects.last().responsibilities.exclude(actor=busy).get().actor
    chosen = client.get(LIST, {"actor": rare.slug})
    assert facet(chosen, "actor").selected.value == rare.slug  # the chosen one is always offered


def test_links_carry_the_canonical_form_of_each_filter(client, world):
    response = client.get(LIST, {"year": "02022", "q": "  nurses  "})
    assert facet(response, "year").selected.value == "2022"
    assert [o.value for o in facet(response, "year").options] == ["2022"]
    html = response.content.decode()
    assert f'href="{reverse("recommendations:export-csv")}?q=nurses&amp;year=2022"' in html
