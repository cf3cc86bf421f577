"""The centre's monitoring dashboard in a real browser: the trend chart drawn by the
self-hosted Vega under the site's Content-Security-Policy, and its table view."""

import re

import pytest
from playwright.sync_api import expect

from otklik.org.models import Unit
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_the_director_sees_the_centre_dashboard_with_its_trend_chart(
    site_with_facts, page, screenshot
):
    site = site_with_facts
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    centre = Unit.objects.get(code="podolsk")

    log_in(page, site, "director")
    page.get_by_role("link", name="Панели мониторинга").click()
    page.get_by_role("link", name="ЦЗН Подольск").click()
    expect(page).to_have_url(re.compile(rf"/dashboards/centre/{centre.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ЦЗН Подольск")

    trend = page.locator("#chart-trend")
    # The first page builds the Vega bundle from vl-convert (a few seconds, once).
    expect(trend.locator(".chart-canvas svg")).to_be_visible(timeout=60_000)
    expect(trend).to_have_class(re.compile("chart-drawn"))
    expect(trend.locator("figcaption")).to_contain_text("Индекс потребительской лояльности (NPS)")
    expect(trend.locator(".chart-canvas svg")).to_contain_text("достаточно ответов")  # legend
    trend.get_by_text("Таблица с данными графика").click()
    table = trend.locator("table")
    expect(table).to_be_visible()
    assert table.locator("tbody tr").count() == 12  # 12 weeks
    expect(table.locator("thead")).to_contain_text("Выборка")

    expect(page.locator(".drop-badge").first).to_contain_text("Падение")
    for chart in page.locator("figure.chart").all():
        expect(chart).to_have_class(re.compile("chart-drawn"))
    screenshot(page, "dashboard-centre-director")

    assert problems == []  # no script error, no CSP violation
    assert all(url.startswith(site) for url in requests)  # nothing from another host
