"""Stored markup comes out escaped on every page, feed and download."""

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from recommendations.models import Status
from recommendations.services import refresh_all_search_index
from tests.factories import (
    make_actor,
    make_dialogue,
    make_document,
    make_recommendation,
    make_status_update,
    make_theme,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
RAW = [b"<script>alert", b"<img src=x"]


@pytest.fixture
def hostile():
    """Markup in recommendation text, actor names, document titles and status narratives."""
    theme = make_theme(name="Health")
    actor = make_actor(name=f"Ministry {PAYLOAD}")
    dialogue = make_dialogue(title=f"Dialogue {PAYLOAD}")
    document = make_document(dialogue=dialogue, title=f"Report {PAYLOAD}",
                             text=f"Intro line\nThe ministry should act. {PAYLOAD}\nClosing line\n")
    rec = make_recommendation(document=document, theme=theme, actors=[actor], countries=["KH"],
                              text=f"The ministry should act. {PAYLOAD}", section=f"Section {PAYLOAD}",
                              line_start=2, line_end=2)
    make_status_update(recommendation=rec, status=Status.IN_PROGRESS, narrative=f"Progress {PAYLOAD}")
    refresh_all_search_index()  # the search page must find it on PostgreSQL too
    return {"rec": rec, "actor": actor, "dialogue": dialogue, "document": document, "theme": theme}


def html_pages(data):
    return [
        reverse("recommendations:home"),
        reverse("recommendations:recommendation-list"),
        reverse("recommendations:recommendation-list") + "?q=ministry",
        data["rec"].get_absolute_url(),
        reverse("actors:actor-list"),
        data["actor"].get_absolute_url(),
        reverse("dialogues:dialogue-list"),
        data["dialogue"].get_absolute_url(),
        data["document"].get_absolute_url(),
        data["theme"].get_absolute_url(),
        reverse("recommendations:country-detail", args=["KH"]),
    ]


@pytest.mark.parametrize("index", range(11))
def test_markup_is_escaped_on_every_page(client, hostile, index):
    url = html_pages(hostile)[index]
    response = client.get(url)
    assert response.status_code == 200, url
    for raw in RAW:
        assert raw not in response.content, url
    assert b"&lt;script&gt;" in response.content or b"&lt;img" in response.content, url


@pytest.mark.parametrize("name,args", [("feed-updates", []), ("feed-actor", ["actor"]), ("feed-theme", ["theme"])])
def test_markup_is_escaped_in_feeds(client, hostile, name, args):
    url = reverse(f"recommendations:{name}", args=[hostile[a].slug for a in args])
    response = client.get(url)
    assert response.status_code == 200
    for raw in RAW:
        assert raw not in response.content
    assert b"&lt;script&gt;" in response.content


def test_csv_download_keeps_markup_as_inert_text(hostile):
    response = Client().get(reverse("recommendations:export-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 1
    assert PAYLOAD in next(v for v in rows[0].values() if "should act" in v)


def test_json_download_cannot_be_read_as_html(hostile):
    response = Client().get(reverse("recommendations:export-json"))
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = b"".join(response.streaming_content)
    for raw in RAW:
        assert raw not in body
    data = json.loads(body)
    records = data if isinstance(data, list) else data.get("recommendations", data.get("results"))
    assert records[0]["text"] == f"The ministry should act. {PAYLOAD}"  # the data itself is intact
