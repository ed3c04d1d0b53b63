"""Smoke test: every public URL answers 200 with a page."""

import pytest
from django.urls import reverse

from tests.factories import make_portal_world


@pytest.fixture
def world(db):
    return make_portal_world()


def public_urls(w) -> list[str]:
    return [
        reverse("recommendations:home"),
        reverse("recommendations:recommendation-list"),
        reverse("recommendations:recommendation-list") + "?q=nurses&theme=health&sort=status",
        w["nurses"].get_absolute_url(),
        w["summary"].get_absolute_url(),
        reverse("recommendations:export-csv"),
        reverse("recommendations:export-json"),
        reverse("recommendations:country-list"),
        reverse("recommendations:country-detail", args=["KH"]),
        reverse("recommendations:indicator-list"),
        w["indicator"].get_absolute_url(),
        reverse("recommendations:feed-updates"),
        reverse("recommendations:feed-actor", args=[w["moh"].slug]),
        reverse("recommendations:feed-theme", args=[w["health"].slug]),
        reverse("actors:actor-list"),
        w["moh"].get_absolute_url(),
        w["government"].get_absolute_url(),
        reverse("dialogues:dialogue-list"),
        w["dialogue"].get_absolute_url(),
        w["document"].get_absolute_url(),
        reverse("dialogues:theme-list"),
        w["health"].get_absolute_url(),
    ]


def test_every_public_url_answers_200(client, world):
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
