"""The journey heat map in a real browser: a team lead's first screen (M7, D2, issue 6)."""

import re

import pytest
from playwright.sync_api import expect

from otklik.demo import content
from otklik.demo.facts import planted_drop_touchpoint
from otklik.journeys.models import Journey
from tests.browser.conftest import log_in, serious_violations

pytestmark = pytest.mark.browser


def test_a_team_lead_lands_on_the_heat_map_sees_the_drop_and_opens_its_detail(
    site_with_facts, browser, screenshot
):
    site = site_with_facts
    journey = Journey.objects.get(title=content.JOURNEYS[0]["title"])
    drop_tp = planted_drop_touchpoint(journey)
    for width, height in ((1440, 900), (1280, 800)):
        context = browser.new_context(locale="ru-RU", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        log_in(page, site, "teamlead")

        # The first screen: the heat map of the journey the team lead leads.
        home_map = page.locator("section.home-heatmap")
        expect(home_map).to_contain_text("Тепловая карта Вашего маршрута")
        expect(home_map.locator("table.heatmap")).to_be_visible()
        drop_cell = home_map.locator(f"#heat-{drop_tp.pk}")
        expect(drop_cell).to_contain_text("▼ Падение")
        expect(drop_cell).to_contain_text("вне коридора")
        expect(home_map.locator(".drop-summary")).to_contain_text(drop_tp.name)
        screenshot(page, f"heatmap-home-{width}")
        assert serious_violations(page) == []

        # The whole map, the drop scrolled into view with its row headers still there.
        home_map.get_by_role("link", name=re.compile("Открыть всю тепловую карту")).click()
        expect(page).to_have_url(re.compile(rf"/journeys/{journey.pk}/heatmap/"))
        expect(page.get_by_role("link", name="Тепловая карта")).to_have_attribute(
            "aria-current", "page"
        )
        table = page.locator("table.heatmap")
        for row in ("Точки контакта", "Метрики клиентского опыта", "Барьеры", "Ответственные"):
            expect(table.get_by_role("rowheader", name=re.compile(row))).to_be_visible()
        cell = page.locator(f"#heat-{drop_tp.pk}")
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_in_viewport()
        expect(table.get_by_role("rowheader", name=re.compile("Метрики"))).to_be_in_viewport()
        expect(page.locator(".hv-few").first).to_contain_text("мало ответов")
        screenshot(page, f"heatmap-{width}")
        assert serious_violations(page) == []

        # The period selector: a month, then back to the week.
        page.locator("nav.seg").get_by_role("link", name="Месяц").click()
        expect(page.locator("nav.seg a[aria-current]")).to_have_text("Месяц")
        page.locator("nav.seg").get_by_role("link", name="Неделя").click()
        expect(page.locator("nav.seg a[aria-current]")).to_have_text("Неделя")

        # Click the value that dropped: its detail.
        page.locator(f"#heat-{drop_tp.pk} a.hv.drop").first.click()
        expect(page.locator("h1")).to_contain_text(drop_tp.name)
        expect(page.locator(".detail-summary")).to_contain_text("Падение")
        expect(page.locator(".dist")).to_contain_text("Критики (0–6)")
        expect(page.locator("figure.chart svg, figure.chart canvas").first).to_be_visible()
        expect(page.locator(".comment-list li").first).to_be_visible()
        screenshot(page, f"heatmap-detail-{width}")
        context.close()


def test_another_centres_specialist_gets_not_found(site, page):
    journey = Journey.objects.get(title=content.JOURNEYS[0]["title"])
    log_in(page, site, "specialist2")
    response = page.goto(f"{site}/journeys/{journey.pk}/heatmap/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text(journey.title)
