"""Dialogue, document and theme pages."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_dialogue,
    make_document,
    make_indicator,
    make_indicator_value,
    make_portal_world,
    make_priority_issue,
    make_recommendation,
    make_recommendations,
    make_theme,
)


@pytest.fixture
def world(db):
    return make_portal_world()


def test_dialogue_list_shows_published_dialogues_only(client, world):
    html = client.get(reverse("dialogues:dialogue-list")).content.decode()
    assert "Human Resources Dialogue" in html and "Secret Draft Dialogue" not in html


def test_dialogue_page_outlines_themes_issues_and_recommendations(client, world):
    html = client.get(world["dialogue"].get_absolute_url()).content.decode()
    assert f'id="issue-{world["issue"].pk}"' in html
    assert "Health workers leave for better pay abroad." in html
    health, education = html.index(">Health</a></h3>"), html.index(">Education</a></h3>")
    assert health > education  # themes by name
    assert world["nurses"].text in html and world["skills"].text in html
    assert world["document"].get_absolute_url() in html


def test_dialogue_page_shows_participation_and_indicators(client, world):
    html = client.get(world["dialogue"].get_absolute_url()).content.decode()
    assert "<dt>Participants</dt><dd>62</dd>" in html
    assert "<dt>By sector — government</dt><dd>14%</dd>" in html
    assert "Penta 3 immunisation rate" in html
    # Target 95 for 2024, result 80 for the whole year: 84% of the way, off track.
    assert '<progress class="indicator-progress state-off-track" max="100" value="84"' in html


def test_draft_dialogue_and_its_document_are_not_found(client, world):
    assert client.get(world["draft"].get_absolute_url()).status_code == 404
    assert client.get(world["draft_document"].get_absolute_url()).status_code == 404


@pytest.mark.parametrize("url", ["/dialogues/nope/", "/dialogues/documents/999999/", "/dialogues/themes/nope/"])
def test_unknown_dialogue_document_or_theme_is_not_found(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_document_page_numbers_and_anchors_every_line(client, world):
    html = client.get(world["document"].get_absolute_url()).content.decode()
    lines = world["document"].text.splitlines()
    for n in range(1, len(lines) + 1):
        assert f'id="L{n}"' in html
    assert '<li id="L6" class="cited">' in html
    assert world["nurses"].get_absolute_url() in html


def test_document_text_is_escaped(client, db):
    document = make_document(text="<script>alert('x')</script>\nsecond")
    html = client.get(document.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_theme_pages(client, world):
    themes = client.get(reverse("dialogues:theme-list"))
    assert [t.name for t in themes.context["themes"]] == ["Education", "Health"]
    response = client.get(world["health"].get_absolute_url())
    assert {r.pk for r in response.context["page"]} == {
        world["nurses"].pk, world["safeguard"].pk, world["summary"].pk}
    assert reverse("recommendations:feed-theme", args=["health"]) in response.content.decode()


def test_theme_of_a_draft_dialogue_only_is_not_found(client, world):
    assert client.get(world["secret_theme"].get_absolute_url()).status_code == 404


def test_dialogue_pages_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, db):
    dialogue = make_dialogue()
    document = make_document(dialogue=dialogue, text="x\n" * 200)
    for n in range(1, 4):
        theme = make_theme(name=f"Theme {n}")
        issue = make_priority_issue(dialogue=dialogue, theme=theme, number=n)
        for _ in range(14):
            make_recommendations(1, actors_each=3, document=document, theme=theme, priority_issue=issue)
    for _ in range(5):
        make_indicator_value(indicator=make_indicator(dialogue=dialogue))
    with django_assert_max_num_queries(12):  # +1 each: the data version the page cache reads
        assert client.get(dialogue.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(document.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("dialogues:dialogue-list")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("dialogues:theme-detail", args=["theme-1"])).status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(reverse("dialogues:theme-list")).status_code == 200


def test_recommendation_without_theme_is_listed_under_without_a_theme(client, db):
    rec = make_recommendation(text="A loose recommendation.")
    html = client.get(rec.dialogue.get_absolute_url()).content.decode()
    assert "Without a theme" in html and "A loose recommendation." in html
