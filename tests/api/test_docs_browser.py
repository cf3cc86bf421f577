"""The interactive API docs render in a real browser under the strict CSP, from local files."""

import os

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("OTKLIK_CHROMIUM", "/usr/bin/chromium")


def test_swagger_ui_renders_under_csp(live_server):
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    hosts, problems = set(), []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
            page.on(
                "console",
                lambda message: problems.append(message.text) if message.type == "error" else None,
            )
            page.goto(f"{live_server.url}/api/docs")
            page.get_by_text("/api/v1/feedback-items/batch").first.wait_for(timeout=15_000)
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    assert hosts == {live_server.url.split("/")[2]}
    assert not [p for p in problems if "Content Security Policy" in p], problems
