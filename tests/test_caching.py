"""Cached counts: reused while the data stand still, recomputed the moment a status changes."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recommendations.models import DataVersion, Status
from recommendations.services import record_status_update
from tests.factories import make_actor, make_recommendations, make_staff, make_theme

pytestmark = pytest.mark.django_db
HOME = "/"
LIST = "/recommendations/"


@pytest.fixture
def recs():
    recs = make_recommendations(12, actors_each=2, theme=make_theme(name="Health"))
    DataVersion.objects.bump()  # as the loader does after storing
    return recs


def test_home_figures_are_computed_once_per_data_version(client, recs, django_assert_max_num_queries):
    client.get(HOME)
    with django_assert_max_num_queries(1):  # only the version
        assert client.get(HOME).status_code == 200


def test_facet_counts_are_computed_once_per_data_version_and_query(client, recs):
    first = client.get(LIST, {"status": Status.NO_INFORMATION})
    with CaptureQueriesContext(connection) as again:
        second = client.get(LIST, {"status": Status.NO_INFORMATION})
    assert second.content == first.content
    assert len(again.captured_queries) <= 5  # version, count, page rows, their actors and countries


def test_a_status_update_shows_at_once_on_cached_pages(client, recs):
    before = client.get(LIST, {"status": Status.IMPLEMENTED}).content.decode()
    assert "No recommendation matches" in before or "0 recommendations" in before
    record_status_update(recommendation=recs[0], status=Status.IMPLEMENTED, as_of=date(2024, 5, 1),
                         recorded_by=make_staff())
    after = client.get(LIST, {"status": Status.IMPLEMENTED}).content.decode()
    assert recs[0].text in after
    assert "Implemented (1)" in after


def test_an_admin_edit_moves_the_data_version(client, recs):
    before = DataVersion.objects.current()
    client.force_login(make_staff(superuser=True))
    actor = make_actor(name="Old name")
    client.post(reverse("admin:actors_actor_change", args=[actor.pk]),
                {"name": "New name", "slug": actor.slug, "kind": actor.kind, "acronym": "", "country": "",
                 "description": "", "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0})
    actor.refresh_from_db()
    assert actor.name == "New name"
    assert DataVersion.objects.current() != before


def test_without_a_recorded_version_nothing_is_cached(client):
    make_recommendations(3)
    assert DataVersion.objects.current() == ""
    client.get(HOME)
    with CaptureQueriesContext(connection) as again:
        client.get(HOME)
    assert len(again.captured_queries) > 1
