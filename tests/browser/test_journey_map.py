"""The main staff paths in a real browser, as the issue describes them."""

import re

import pytest
from playwright.sync_api import expect

from otklik.demo import content
from otklik.journeys.models import Journey
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

ROLES = {
    "specialist": "Специалист",
    "teamlead": "Руководитель команды маршрута",
    "director": "Директор ЦЗН",
    "regadmin": "Региональный администратор",
    "analyst": "Аналитик",
}


@pytest.mark.parametrize("username", ROLES)
def test_each_role_logs_in_to_its_home_page(site, page, screenshot, username):
    log_in(page, site, username)
    expect(page.locator("ul.roles")).to_contain_text(ROLES[username])
    expect(page.get_by_role("link", name="Маршруты клиента")).to_be_visible()
    screenshot(page, f"home-{username}")


def test_the_app6_map_has_every_stage_and_row_of_the_seed(site, page, screenshot):
    seed = content.JOURNEYS[0]
    journey = Journey.objects.get(title=seed["title"])
    log_in(page, site, "teamlead")
    page.get_by_role("link", name="Маршруты клиента").first.click()
    page.get_by_role("link", name=seed["title"]).click()
    expect(page).to_have_url(re.compile(rf"/journeys/{journey.pk}/$"))
    table = page.locator("table.journey-map")
    for stage in seed["stages"]:
        expect(table.locator("thead")).to_contain_text(stage["name"])
        for tp in stage["touchpoints"]:
            expect(table).to_contain_text(tp["name"])
            for barrier in tp["barriers"]:
                expect(table).to_contain_text(barrier)
    for row in (
        "Цель гражданина",
        "Мысли гражданина",
        "Цель ЦЗН",
        "Точки контакта",
        "Метрики клиентского опыта",
        "Барьеры",
        "Ответственные",
        "Инструменты повышения качества",
    ):
        expect(table.get_by_role("rowheader", name=row)).to_be_visible()
    screenshot(page, "app6-map")


def test_edit_a_cell_publish_and_see_the_previous_version(site, page, screenshot):
    journey = Journey.objects.get(title=content.JOURNEYS[0]["title"])
    tp = journey.stages.first().touchpoints.first()
    log_in(page, site, "teamlead")
    page.goto(f"{site}/journeys/{journey.pk}/")
    page.get_by_role("link", name="Редактировать карту").click()

    cell = page.locator(f"#touchpoint-{tp.pk}-barriers")
    cell.get_by_text("Изменить").click()
    textarea = cell.locator("textarea")
    textarea.fill(textarea.input_value() + "\nНет версии сайта для слабовидящих")
    cell.get_by_role("button", name="Сохранить").click()
    expect(page.locator(f"#touchpoint-{tp.pk}-barriers")).to_contain_text(
        "Нет версии сайта для слабовидящих"
    )
    expect(page.locator(f"#touchpoint-{tp.pk}-barriers")).to_have_class("changed")
    screenshot(page, "map-editing")

    page.get_by_label("Что изменилось и почему").fill("Барьер доступности для слабовидящих")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.locator(".messages")).to_contain_text("Версия 2 опубликована")

    page.get_by_role("link", name="Версии").click()
    page.get_by_role("link", name="Версия 1").click()
    expect(page.locator(f"#touchpoint-{tp.pk}-barriers")).not_to_contain_text("слабовидящих")
    screenshot(page, "version-1")

    page.get_by_role("link", name="Версии").click()
    page.get_by_role("link", name="с предыдущей").click()
    diff = page.locator("table.diff")
    expect(diff).to_contain_text(tp.name)
    expect(diff.locator("td.became")).to_contain_text("Нет версии сайта для слабовидящих")
    screenshot(page, "compare")


def test_a_specialist_cannot_open_another_centres_draft(site, page, screenshot):
    draft = Journey.objects.filter(status="draft").exclude(centre__code="podolsk").first()
    log_in(page, site, "specialist")
    response = page.goto(f"{site}/journeys/{draft.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Страница не найдена")
    expect(page.locator("body")).not_to_contain_text(draft.title)
    screenshot(page, "refused")


def test_english_is_one_switch_away(site, page):
    log_in(page, site, "analyst")
    page.get_by_label("Язык").select_option("en")
    page.get_by_role("button", name="Сменить").click()
    expect(page.get_by_role("link", name="Client journeys")).to_be_visible()
