"""Real-browser tests: headless Debian Chromium driven by Playwright against a live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("OTKLIK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Headless, and no calls home: this machine has no network beyond loopback.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's guard against
    # calling the ORM from async code would trip on the tests' own fixtures.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo loaded (transactional tests start empty), without
    its six months of generated facts: loading those for every test would be slow."""
    from otklik.demo.loader import load_demo

    load_demo(facts=False)
    return live_server.url


@pytest.fixture
def site_with_facts(live_server, transactional_db):
    """The live server with the whole demo, generated answers and interactions included."""
    from otklik.demo.loader import load_demo

    load_demo()
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="ru-RU", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot():
    """Saves a full-page screenshot to test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, site: str, username: str) -> None:
    from otklik.demo.loader import DEMO_PASSWORD

    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(f"{site}/")


@pytest.fixture
def phone(browser):
    """A phone-sized page, as a citizen who scanned a QR code has."""
    context = browser.new_context(
        locale="ru-RU", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    results = Axe().run(page, options=options)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
