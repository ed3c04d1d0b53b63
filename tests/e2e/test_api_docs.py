"""The read API's docs page in a real browser: Swagger UI under the site's Content-Security-Policy."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def test_docs_page_lists_the_operations_and_runs_one_without_csp_violations(page, live_server, world):
    page.goto(live_server.url + reverse("api:openapi-view"))
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    assert "/api/recommendations" in operations.all_inner_texts()
    # Try an operation from the page: the request goes to the site itself (connect-src 'self').
    page.locator("#operations-recommendations-listRecommendations .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tr.response .response-col_status")).to_have_text("200")
    screenshot(page, "api-docs")
    assert page.console_errors == []  # no script error, no CSP violation
