"""Actor pages: the list by kind and one actor with their recommendations."""

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_portal_world, make_recommendation, make_recommendations


@pytest.fixture
def world(db):
    return make_portal_world()


def test_actor_list_groups_by_kind_with_counts(client, world):
    response = client.get(reverse("actors:actor-list"))
    html = response.content.decode()
    assert "UN agency" in html and "Group of actors" in html
    counts = {a.slug: a.n_recommendations for a in response.context["actors"]}
    assert counts[world["who"].slug] == 2
    assert counts[world["government"].slug] == 0  # listed as the parent of a named ministry


def test_actor_list_leaves_out_actors_of_draft_dialogues(client, world):
    html = client.get(reverse("actors:actor-list")).content.decode()
    assert "Secret Actor Agency" not in html


def test_actor_page_shows_aliases_parent_children_and_statuses(client, world):
    html = client.get(world["who"].get_absolute_url()).content.decode()
    assert "Also known as" in html and "WHO" in html
    page = client.get(world["moh"].get_absolute_url()).content.decode()
    assert world["government"].get_absolute_url() in page  # parent
    assert world["nurses"].text in page
    parent = client.get(world["government"].get_absolute_url())
    assert world["moh"].get_absolute_url() in parent.content.decode()  # child
    assert {r.pk for r in parent.context["page"]} == {world["nurses"].pk, world["summary"].pk}
    statuses = {s["status"]: s["n"] for s in parent.context["statuses"]}
    assert statuses["in progress"] == 1 and statuses["no information"] == 1


def test_actor_page_links_its_feed(client, world):
    html = client.get(world["who"].get_absolute_url()).content.decode()
    feed = reverse("recommendations:feed-actor", args=[world["who"].slug])
    assert ('<link rel="alternate" type="application/atom+xml" '
            f'title="Status updates: World Health Organization" href="{feed}">') in html


@pytest.mark.parametrize("slug", ["nope", "999999"])
def test_unknown_actor_is_not_found(client, world, slug):
    assert client.get(reverse("actors:actor-detail", args=[slug])).status_code == 404


def test_actor_only_in_a_draft_dialogue_is_not_found(client, world):
    assert client.get(world["secret_actor"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("page", ["999", "abc"])
def test_actor_page_past_the_end_shows_a_page(client, world, page):
    response = client.get(world["who"].get_absolute_url(), {"page": page})
    assert response.status_code == 200


def test_actor_pages_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    parent = make_actor(name="Government")
    child = make_actor(name="Ministry", parent=parent)
    for rec in make_recommendations(40, actors_each=3):
        rec.responsibilities.create(actor=child)
    make_recommendation(actors=[parent])
    # +1: the data version the page cache reads; +1: the longest-standing open asks
    with django_assert_max_num_queries(12):
        assert client.get(parent.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("actors:actor-list")).status_code == 200
