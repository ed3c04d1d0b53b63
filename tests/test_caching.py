"""Cached counts and pages: reused while the data stand still, recomputed the moment a status changes."""

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


def test_facet_counts_are_computed_once_per_data_version_and_query(client, recs, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0  # the page itself is rendered each time
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


# --- Whole public pages ---------------------------------------------------------------------------

def test_a_public_page_is_served_from_the_cache_with_one_query(client, recs, django_assert_num_queries):
    first = client.get(LIST, {"status": Status.NO_INFORMATION})
    with django_assert_num_queries(1):  # the data version
        again = client.get(LIST, {"status": Status.NO_INFORMATION})
    assert again.content == first.content
    assert again["ETag"] and again["ETag"] == first["ETag"]
    assert "no-cache" in again["Cache-Control"]


def test_each_query_string_is_its_own_cached_page(client, recs):
    health = client.get(LIST, {"status": Status.NO_INFORMATION}).content
    other = client.get(LIST, {"status": Status.IMPLEMENTED}).content
    assert health != other
    assert client.get(LIST, {"status": Status.IMPLEMENTED}).content == other


def test_a_status_update_shows_at_once_on_a_cached_recommendation_page(client, recs):
    url = recs[0].get_absolute_url()
    assert "Implemented" not in client.get(url).content.decode()
    record_status_update(recommendation=recs[0], status=Status.IMPLEMENTED, as_of=date(2024, 5, 1),
                         narrative="Decree signed.", recorded_by=make_staff())
    after = client.get(url).content.decode()
    assert "Implemented" in after
    assert "Decree signed." in after


def test_a_browser_revalidating_an_unchanged_page_gets_not_modified(client, recs):
    etag = client.get(HOME)["ETag"]
    assert client.get(HOME, headers={"if-none-match": etag}).status_code == 304
    record_status_update(recommendation=recs[0], status=Status.IMPLEMENTED, as_of=date(2024, 5, 1),
                         recorded_by=make_staff())
    changed = client.get(HOME, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_pages_that_are_not_found_are_not_cached(client, recs):
    missing = reverse("recommendations:recommendation-detail", args=[recs[-1].pk + 1000])
    assert client.get(missing).status_code == 404
    with CaptureQueriesContext(connection) as again:
        assert client.get(missing).status_code == 404
    assert len(again.captured_queries) >= 2  # looked up again, not answered from the cache


def test_the_page_cache_can_be_turned_off(client, recs, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get(LIST)
    with CaptureQueriesContext(connection) as again:
        assert client.get(LIST).status_code == 200
    assert len(again.captured_queries) >= 3  # the rows, their actors and countries: rendered afresh


def test_a_page_one_worker_rendered_is_served_to_another_from_the_shared_cache(client, recs,
                                                                               django_assert_num_queries):
    from django.core.cache import caches

    first = client.get(LIST)
    caches["default"].clear()  # another worker: nothing in its memory
    with django_assert_num_queries(1):  # the data version; the page comes from the shared files
        again = client.get(LIST)
    assert again.content == first.content


def test_the_shared_file_cache_stays_bounded_while_counting_its_files_rarely(tmp_path):
    from portal.cache import SharedFileCache

    shared = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2, "CULL_EVERY": 5}})
    listings = []
    list_files = shared._list_cache_files
    shared._list_cache_files = lambda: listings.append(1) or list_files()
    for n in range(200):
        shared.set(f"page-{n}", "x" * 100, 60)
    assert len(listings) == 200 // 5
    files = list(tmp_path.glob("*.djcache"))
    assert 10 <= len(files) <= 20 + 5  # culled to half when over 20; at most CULL_EVERY writes between counts
    assert shared.get("page-199") == "x" * 100


def test_an_unwritable_shared_cache_costs_speed_not_pages(client, recs, settings, tmp_path, caplog):
    from django.core.cache import caches

    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    # Changing CACHES makes Django open its caches afresh, the shared one at the new location.
    settings.CACHES = {**settings.CACHES, "shared": {**settings.CACHES["shared"], "LOCATION": str(blocked)}}
    first = client.get(LIST)
    caches["default"].clear()
    again = client.get(LIST)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert "Shared cache not written" in caplog.text


def test_a_new_release_does_not_serve_pages_the_old_one_cached(client, recs, monkeypatch):
    from recommendations import caching

    monkeypatch.setattr(caching, "code_version", lambda: "release-1")
    client.get(LIST)
    monkeypatch.setattr(caching, "code_version", lambda: "release-2")
    with CaptureQueriesContext(connection) as after_deploy:
        assert client.get(LIST).status_code == 200
    assert len(after_deploy.captured_queries) > 1  # rendered by the new code, not read from the cache


def test_the_code_version_follows_the_templates(settings, tmp_path):
    from recommendations.caching import code_version

    template = tmp_path / "page.html"
    template.write_text("<p>one</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    code_version.cache_clear()
    try:
        before = code_version()
        template.write_text("<p>two</p>")
        code_version.cache_clear()
        assert code_version() != before
    finally:
        code_version.cache_clear()
