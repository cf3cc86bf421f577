"""The team lead reads the weekly metric table of ЦЗН Подольск in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser


def test_the_team_lead_sees_values_too_few_answers_and_the_drop(site_with_facts, page, screenshot):
    site = site_with_facts
    log_in(page, site, "teamlead")
    page.get_by_role("link", name="Показатели: недельная таблица вашего подразделения").click()
    expect(page.locator("h1")).to_have_text("Показатели: ЦЗН Подольск")
    table = page.locator("table.mt-table")
    training = table.locator("tr.mt-tp", has_text="Тренинг с ведущим")
    expect(training.locator(".mt-drop-badge")).to_contain_text("падение")
    expect(training.locator(".mt-drop")).to_contain_text("ДИ")
    expect(training.locator(".mt-status").first).to_be_visible()
    few = table.locator("tr.mt-tp", has_text="Дорога до места проведения тренинга")
    expect(few).to_contain_text("мало ответов")
    headline = table.locator("tr.mt-unit")
    expect(headline.locator(".mt-value").first).to_have_text(re.compile(r"^[+−]?\d+$"))  # NPS
    expect(headline).to_contain_text("n = ")
    expect(page.locator(".mt-drops")).to_contain_text("Тренинг с ведущим")
    screenshot(page, "metrics-week")
    assert serious_violations(page) == []
    page.get_by_role("link", name="← предыдущая неделя").click()
    expect(page.locator("h2.mt-week")).not_to_contain_text("текущая неделя")
    training = table.locator("tr.mt-tp", has_text="Тренинг с ведущим")
    expect(training.locator(".mt-drop-badge")).to_be_visible()  # the week before fell too


def test_a_stage_keeps_its_name_in_view_when_the_table_scrolls_sideways(site_with_facts, page):
    log_in(page, site_with_facts, "teamlead")
    page.set_viewport_size({"width": 1000, "height": 800})
    page.get_by_role("link", name="Показатели: недельная таблица вашего подразделения").click()
    scroller = page.locator(".mt-scroll")
    scroller.evaluate("element => { element.scrollLeft = element.scrollWidth }")
    assert scroller.evaluate("element => element.scrollLeft") > 300  # it did scroll
    name = page.locator("tr.mt-stage .mt-stage-name").first
    expect(name).to_be_in_viewport()
    left = scroller.bounding_box()["x"]
    assert left <= name.bounding_box()["x"] < left + 40
