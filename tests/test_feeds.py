"""Atom feeds of the latest status updates."""

import pytest
from django.urls import reverse

from tests.factories import make_portal_world, make_recommendation, make_status_update

FEED = reverse("recommendations:feed-updates")


@pytest.fixture
def world(db):
    return make_portal_world()


def test_feed_is_atom_with_published_updates_only(client, world):
    response = client.get(FEED)
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Bonuses piloted in two provinces." in body
    assert "Secret draft" not in body


def test_feed_items_link_to_the_recommendation(client, world):
    body = client.get(FEED).content.decode()
    assert f'{world["nurses"].get_absolute_url()}#update-{world["update"].pk}' in body


def test_feed_has_no_staff_personal_data(client, world):
    body = client.get(FEED).content.decode()
    assert "secret-staffer" not in body and "<author>" not in body


def test_feed_escapes_narratives(client, db):
    make_status_update(recommendation=make_recommendation(), narrative="<script>alert(1)</script>")
    body = client.get(FEED).content.decode()
    assert "<script>alert(1)</script>" not in body


def test_actor_feed_includes_sub_actors(client, world):
    body = client.get(reverse("recommendations:feed-actor", args=[world["government"].slug])).content.decode()
    assert "Bonuses piloted" in body and "Curriculum decree" not in body


def test_theme_feed(client, world):
    body = client.get(reverse("recommendations:feed-theme", args=["education"])).content.decode()
    assert "Curriculum decree" in body and "Bonuses piloted" not in body


@pytest.mark.parametrize("name", ["recommendations:feed-actor", "recommendations:feed-theme"])
def test_feed_of_unknown_or_draft_object_is_not_found(client, world, name):
    assert client.get(reverse(name, args=["nope"])).status_code == 404
    slug = world["secret_actor"].slug if name.endswith("actor") else world["secret_theme"].slug
    assert client.get(reverse(name, args=[slug])).status_code == 404


def test_pages_announce_the_feed(client, world):
    html = client.get(reverse("recommendations:home")).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" title="Latest status updates" href="{FEED}">' in html


def test_feed_queries_do_not_grow_with_items(client, django_assert_max_num_queries, db):
    for _ in range(30):
        make_status_update(recommendation=make_recommendation())
    with django_assert_max_num_queries(2):  # the feed, plus the data version the page cache reads
        assert client.get(FEED).status_code == 200
