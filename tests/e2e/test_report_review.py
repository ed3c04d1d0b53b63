"""Uploading and reviewing a report in the admin, in a real browser: upload, review, edit, drop,
publish; what a Reviewer may not do; accessibility and layout of the review page."""

import re
from importlib import import_module
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from playwright.sync_api import expect

from dialogues.models import Dialogue, ImportStatus, ReportImport
from recommendations.models import Recommendation
from tests.e2e.conftest import run_axe, screenshot
from tests.factories import make_staff

pytestmark = pytest.mark.e2e

PASSWORD = "correct-horse-1"
TITLE = "Lao Health Partners Dialogue"
ITEMS = [
    "1. The Ministry of Health should publish the national nurse staffing plan by 2025.",
    "2. The Lao Red Cross and WHO should train two hundred village health volunteers in first aid.",
    "3. Provincial health offices should report vaccination coverage to the ministry every quarter.",
]
REPORT = "\n".join([
    "Report of the Lao Health Partners Dialogue",  # 1
    "",
    "Recommendations",
    "",
    *ITEMS,  # lines 5 to 7
    "",
])
LINES = len(REPORT.split("\n"))
FIRST_LINE = 5
EDITED = "The Ministry of Health should publish the national nurse staffing plan by the end of 2026."
CHANGE_URL = re.compile(r"/admin/dialogues/reportimport/(\d+)/change/$")


@pytest.fixture(autouse=True)
def roles(transactional_db):
    """The staff roles, made again as their data migrations make them: the database is flushed
    after every live-server test, and the groups go with it."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    apps = MigrationLoader(connection).project_state().apps
    import_module("recommendations.migrations.0003_roles").create_roles(apps, None)
    import_module("dialogues.migrations.0004_report_import_roles").grant(apps, None)


@pytest.fixture
def page(page):
    """The shared page, also recording every failed response by address."""
    page.failed = []
    page.on("response", lambda response: response.status >= 400 and page.failed.append(
        (response.status, urlparse(response.url).path)))
    return page


def assert_no_errors(page) -> None:
    """No script error, CSP violation or failed request; the admin has no favicon, so Chromium's
    request for /favicon.ico is the one 404 allowed."""
    assert [failure for failure in page.failed if failure != (404, "/favicon.ico")] == []
    assert [e for e in page.console_errors if "status of 404 (Not Found)" not in e] == []


def staff_in(role: str):
    user = make_staff()
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, live_server, user) -> None:
    """Log in through the admin's own login form, as staff do."""
    page.goto(live_server.url + reverse("admin:login") + "?next=" + reverse("admin:index"))
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url == live_server.url + reverse("admin:index"), page.content()


def upload_report(page, live_server, tmp_path) -> ReportImport:
    """Fill and send the admin's upload form; return the draft import whose review page opened."""
    report = tmp_path / "lao-health-partners.txt"
    report.write_text(REPORT, encoding="utf-8")
    page.goto(live_server.url + reverse("admin:dialogues_reportimport_add"))
    expect(page.locator("h1")).to_have_text("Upload a report")
    page.set_input_files("#id_file", str(report))
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", "policy dialogue")
    page.fill("#id_start_date", "2024-03-01")
    with page.expect_navigation():
        page.click("input[type=submit][value='Upload and read']")
    match = CHANGE_URL.search(page.url)
    assert match, f"no review page after the upload: {page.url}\n{page.locator('#content').inner_text()}"
    return ReportImport.objects.get(pk=match.group(1))


def item(page, number: int):
    return page.locator(f"#item-{number}")


def actor_mark(page, number: int, name: str):
    """The matched/new mark of an actor named in item ``number``."""
    return item(page, number).locator(".item-actors li", has_text=name).locator(".match")


def test_secretariat_reviews_edits_drops_and_publishes(page, live_server, tmp_path):
    log_in(page, live_server, staff_in("Secretariat"))
    report_import = upload_report(page, live_server, tmp_path)
    assert report_import.status == ImportStatus.DRAFT and report_import.file_name == "lao-health-partners.txt"
    expect(page.locator(".messagelist")).to_contain_text("3 items found")
    expect(page.locator("#items-heading")).to_have_text("Found: 3 items")

    # The numbered source lines, the found ones marked and linked to their items.
    expect(page.locator("#source-heading")).to_have_text(f"Source: {LINES} lines")
    for number, text in enumerate(ITEMS, start=1):
        line = page.locator(f"#line-{FIRST_LINE + number - 1}")
        expect(line).to_have_class("found")
        expect(line.locator(".line-number")).to_have_text(str(FIRST_LINE + number - 1))
        expect(line.locator(".line-text")).to_have_text(text)
        expect(line.locator("a.line-item")).to_have_attribute("href", f"#item-{number}")
    expect(page.locator("#line-3")).not_to_have_class("found")

    # Beside them, each item with its lines, kind, rule and actors.
    found = report_import.review["found"]["recommendations"]
    for number, record in enumerate(found, start=1):
        heading = item(page, number).locator("h3")
        expect(heading.locator("a")).to_have_text(f"line {FIRST_LINE + number - 1}")
        expect(heading.locator(".item-kind")).to_have_text("recommendation")
        rule = item(page, number).locator(".item-facts dt:text-is('Rule') + dd")
        expect(rule).to_have_text(record["rule"])
        assert record["rule"], "the reader names the rule that found each item"
        expect(item(page, number).locator("textarea[name$='-text']")).to_have_value(ITEMS[number - 1][3:])
    expect(actor_mark(page, 2, "WHO")).to_have_text("matched: World Health Organization")
    expect(actor_mark(page, 2, "WHO")).to_have_class(re.compile(r"\bmatch-matched\b"))
    expect(actor_mark(page, 2, "Lao Red Cross")).to_have_text("new")
    expect(actor_mark(page, 2, "Lao Red Cross")).to_have_class(re.compile(r"\bmatch-new\b"))
    expect(actor_mark(page, 3, "Provincial health offices")).to_have_text("new")
    expect(page.locator(".review-actors")).to_contain_text("Lao Red Cross")
    screenshot(page, "report-review")

    # Edit the first item, drop the third, publish.
    item(page, 1).locator("textarea[name$='-text']").fill(EDITED)
    item(page, 3).get_by_label("Drop this item").check()
    with page.expect_navigation():
        page.click("input[name=_publish]")
    assert CHANGE_URL.search(page.url)
    expect(page.locator(".messagelist")).to_contain_text("Published")
    expect(page.locator(".import-summary h2")).to_have_text("Published")
    expect(page.locator("input[name=_publish]")).to_have_count(0)  # a published import is read-only
    expect(item(page, 1).locator(".item-flag")).to_have_text("edited")
    expect(item(page, 1).locator(".item-text")).to_have_text(EDITED)
    expect(item(page, 3)).to_have_class(re.compile(r"\bdropped\b"))
    expect(item(page, 3).locator(".item-flag")).to_have_text("dropped")
    screenshot(page, "report-review-published")

    # Exactly the reviewed items are stored, and the public sees them.
    report_import.refresh_from_db()
    assert report_import.status == ImportStatus.PUBLISHED
    dialogue = Dialogue.objects.get(pk=report_import.dialogue_id)
    assert dialogue.title == TITLE and dialogue.published
    stored = list(Recommendation.objects.filter(dialogue=dialogue).order_by("line_start")
                  .values_list("text", "line_start"))
    assert stored == [(EDITED, FIRST_LINE), (ITEMS[1][3:], FIRST_LINE + 1)]
    second = Recommendation.objects.get(dialogue=dialogue, line_start=FIRST_LINE + 1)
    actors = sorted(second.responsibilities.values_list("actor__name", flat=True))
    assert actors == ["Lao Red Cross", "World Health Organization"]
    page.goto(live_server.url + dialogue.get_absolute_url())
    titles = page.locator("article.rec .rec__title a")
    expect(titles).to_have_count(2)
    expect(titles.nth(0)).to_contain_text(EDITED)
    expect(titles.nth(1)).to_contain_text(ITEMS[1][3:])
    expect(page.locator("main")).not_to_contain_text("Provincial health offices should report")
    assert_no_errors(page)


def test_a_reviewer_sees_the_review_but_cannot_save_or_publish(page, live_server, tmp_path):
    log_in(page, live_server, staff_in("Secretariat"))
    report_import = upload_report(page, live_server, tmp_path)
    review = report_import.review
    page.context.clear_cookies()

    log_in(page, live_server, staff_in("Reviewer"))
    page.goto(live_server.url + reverse("admin:dialogues_reportimport_change", args=[report_import.pk]))
    expect(page.locator("#items-heading")).to_have_text("Found: 3 items")
    expect(page.locator("#line-6 .line-text")).to_have_text(ITEMS[1])
    expect(item(page, 2).locator(".item-text")).to_have_text(ITEMS[1][3:])
    expect(actor_mark(page, 2, "WHO")).to_have_text("matched: World Health Organization")
    for control in ["input[name=_publish]", "input[name=_save_unpublished]", "input[name=_review]",
                    "#reportimport_form textarea", "#reportimport_form input[type=checkbox]"]:
        expect(page.locator(control)).to_have_count(0)
    screenshot(page, "report-review-reviewer")

    # The form sent with the "Publish" button's field added by hand is refused, and nothing changes.
    page.evaluate("""() => {
        const form = document.getElementById("reportimport_form");
        const button = document.createElement("input");
        button.type = "hidden"; button.name = "_publish"; button.value = "Publish";
        form.appendChild(button);
    }""")
    with page.expect_navigation() as navigation:
        page.evaluate("() => document.getElementById('reportimport_form').submit()")
    assert navigation.value.status == 403
    assert "CSRF" not in page.content()  # refused for the role, not for a missing token
    report_import.refresh_from_db()
    assert report_import.status == ImportStatus.DRAFT and report_import.review == review
    assert not Dialogue.objects.filter(title=TITLE).exists()

    # Nor may a Reviewer upload.
    response = page.goto(live_server.url + reverse("admin:dialogues_reportimport_add"))
    assert response.status == 403


@pytest.mark.parametrize("role", ["Secretariat", "Reviewer"])
def test_review_page_has_no_serious_accessibility_violations(page, live_server, tmp_path, role):
    log_in(page, live_server, staff_in("Secretariat"))
    report_import = upload_report(page, live_server, tmp_path)
    if role != "Secretariat":
        page.context.clear_cookies()
        log_in(page, live_server, staff_in(role))
        page.goto(live_server.url + reverse("admin:dialogues_reportimport_change", args=[report_import.pk]))
    assert run_axe(page) == []
    assert_no_errors(page)


@pytest.fixture
def review_at(page, live_server, tmp_path):
    """Open a fresh import's review page, as Secretariat, at a given width."""
    def review_at(width: int):
        page.set_viewport_size({"width": width, "height": 800})
        log_in(page, live_server, staff_in("Secretariat"))
        upload_report(page, live_server, tmp_path)
        return page
    return review_at


@pytest.mark.parametrize("width", [1440, 360])
def test_review_page_does_not_scroll_sideways(review_at, width):
    page = review_at(width)
    widths = page.evaluate("({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"] + 1, widths
    # Nor do the source and the items scroll sideways within their own boxes.
    for box in [".review-source", ".review-items"]:
        sizes = page.locator(box).evaluate("el => ({scroll: el.scrollWidth, client: el.clientWidth})")
        assert sizes["scroll"] <= sizes["client"] + 1, (box, sizes)
    screenshot(page, f"report-review-{width}")


@pytest.mark.parametrize("width", [1440, 360])
def test_the_source_does_not_cover_the_items(review_at, width):
    page = review_at(width)
    for number in range(1, len(ITEMS) + 1):
        # Scrolled to the top of the screen, the item's heading is what shows there.
        covered = item(page, number).evaluate("""el => {
            const heading = el.querySelector("h3");
            heading.scrollIntoView({block: "start"});
            const box = heading.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
            return el.contains(hit) ? null : (hit && (hit.closest("[class]") || hit).className);
        }""")
        assert covered is None, f"item {number} is covered by {covered!r} at {width} px"
