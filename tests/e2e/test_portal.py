"""The public portal in a real browser: filtering, search, citations, downloads, keyboard, axe, layout."""

import csv
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import run_axe, screenshot

pytestmark = pytest.mark.e2e

LIST = reverse("recommendations:recommendation-list")


def listed_ids(page) -> list[int]:
    hrefs = page.locator("ol.rec-list h3 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return [int(re.search(r"/recommendations/(\d+)/", h).group(1)) for h in hrefs]


def all_listed_ids(page) -> list[int]:
    ids = listed_ids(page)
    while page.locator("a[rel=next]").count():
        page.locator("a[rel=next]").first.click()
        page.wait_for_load_state()
        ids += listed_ids(page)
    return ids


def query(page) -> dict:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def test_filter_by_theme(page, live_server, world):
    page.goto(live_server.url + LIST)
    with page.expect_navigation():
        page.select_option("#f-theme", "health")
    assert query(page) == {"theme": ["health"]}  # a clean URL: no empty parameters
    assert "3 recommendations match these filters" in page.locator(".results-count").inner_text()
    assert set(listed_ids(page)) == {world["nurses"].pk, world["safeguard"].pk, world["summary"].pk}
    screenshot(page, "list-filtered")
    assert page.console_errors == []


def test_filter_by_actor_includes_sub_actors(page, live_server, world):
    page.goto(live_server.url + LIST)
    with page.expect_navigation():
        page.select_option("#f-actor", world["government"].slug)
    assert query(page) == {"actor": [world["government"].slug]}
    assert set(listed_ids(page)) == {world["nurses"].pk, world["summary"].pk}


def test_search_highlights_the_words(page, live_server, world):
    page.goto(live_server.url + LIST)
    page.fill("#f-q", "retention bonuses")
    with page.expect_navigation():
        page.press("#f-q", "Enter")
    assert query(page) == {"q": ["retention bonuses"]}
    assert listed_ids(page) == [world["nurses"].pk]
    assert page.locator("ol.rec-list mark").first.inner_text().lower() == "retention"


def test_open_a_recommendation_and_follow_its_citation(page, live_server, world):
    page.goto(live_server.url + LIST + "?theme=health")
    page.click(f"a[href='{world['nurses'].get_absolute_url()}']")
    page.wait_for_load_state()
    assert page.locator("blockquote.verbatim").inner_text().strip() == world["nurses"].text
    screenshot(page, "recommendation")
    page.click("text=Read it in the document")
    page.wait_for_load_state()
    assert page.url.endswith(f"{world['document'].get_absolute_url()}#L6")
    target = page.locator("#L6")
    assert "Ministries of Health should fund retention bonuses" in target.inner_text()
    assert page.evaluate("document.querySelector(':target').id") == "L6"
    expect(target).to_be_in_viewport()  # retried: the page may still be scrolling smoothly


def test_download_csv_matches_the_filtered_list(page, live_server, world, tmp_path):
    page.goto(live_server.url + LIST + "?theme=education&sort=status")
    with page.expect_download() as info:
        page.click("p.downloads a:text('CSV')")
    download = info.value
    path = tmp_path / "export.csv"
    download.save_as(path)
    with path.open(encoding="utf-8") as f:
        csv_ids = [int(row["id"]) for row in csv.DictReader(f)]
    assert len(csv_ids) == 32  # two from the world, thirty more: more than one page
    assert csv_ids == all_listed_ids(page)


def test_filter_form_works_by_keyboard_alone(page, live_server, world):
    page.goto(live_server.url + LIST)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Through the navigation to the search field.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-q":
            break
    assert page.evaluate("document.activeElement.id") == "f-q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus indicator
    page.keyboard.type("nurses")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-theme"
    page.keyboard.press("ArrowDown")  # choosing by keyboard must not reload the page yet
    page.wait_for_timeout(300)
    assert urlparse(page.url).query == ""
    assert page.input_value("#f-theme") == "education"  # the first theme, by name
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert query(page) == {"q": ["nurses"], "theme": ["education"]}  # no empty parameters


PAGES = {
    "home": lambda w: reverse("recommendations:home"),
    "list": lambda w: LIST,
    "list-search": lambda w: LIST + "?q=health&theme=health",
    "list-invalid": lambda w: LIST + "?theme=nope&year=abc",
    "recommendation": lambda w: w["nurses"].get_absolute_url(),
    "actor-list": lambda w: reverse("actors:actor-list"),
    "actor": lambda w: w["government"].get_absolute_url(),
    "dialogue-list": lambda w: reverse("dialogues:dialogue-list"),
    "dialogue": lambda w: w["dialogue"].get_absolute_url(),
    "document": lambda w: w["document"].get_absolute_url(),
    "theme-list": lambda w: reverse("dialogues:theme-list"),
    "theme": lambda w: w["health"].get_absolute_url(),
    "country-list": lambda w: reverse("recommendations:country-list"),
    "country": lambda w: reverse("recommendations:country-detail", args=["KH"]),
    "indicator-list": lambda w: reverse("recommendations:indicator-list"),
    "indicator": lambda w: w["indicator"].get_absolute_url(),
    "not-found": lambda w: "/recommendations/999999/",
}


def test_no_serious_accessibility_violations_on_any_page_type(page, live_server, world):
    failures = {}
    for name, url in PAGES.items():
        page.goto(live_server.url + url(world))
        violations = run_axe(page)
        if violations:
            failures[name] = violations
    assert failures == {}
    # No Content-Security-Policy violation or script error (the 404 page's own status aside).
    assert [e for e in page.console_errors if "404 (Not Found)" not in e] == []


@pytest.mark.parametrize("width", [360, 1440])
def test_no_horizontal_scroll(page, live_server, world, width):
    page.set_viewport_size({"width": width, "height": 800})
    wide = {}
    for name, url in PAGES.items():
        page.goto(live_server.url + url(world))
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            wide[name] = scroll_width
    assert wide == {}


def test_screenshots_of_the_main_pages(page, live_server, world):
    for name in ["home", "list", "recommendation", "actor", "dialogue", "document"]:
        page.goto(live_server.url + PAGES[name](world))
        screenshot(page, name)
    page.set_viewport_size({"width": 360, "height": 800})
    for name in ["home", "list", "recommendation"]:
        page.goto(live_server.url + PAGES[name](world))
        screenshot(page, f"{name}-360")
