"""A citizen answers on a phone, also through a network cut, and the pages are accessible."""

import pytest
from playwright.sync_api import expect

from otklik.feedback.models import Response
from otklik.journeys.models import Touchpoint
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def survey_url(site, settings):
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0
    from otklik.demo import content

    touchpoint = (
        Touchpoint.objects.filter(stage__journey__title=content.JOURNEYS[0]["title"])
        .order_by("pk")
        .first()
    )
    return f"{site}/s/{touchpoint.public_code}/?ch=qr", touchpoint


def fill(page):
    page.get_by_text("Легко", exact=True).click()
    page.get_by_text("Ожидания совпали").click()
    page.get_by_label("9", exact=True).check()
    page.get_by_role("textbox").fill("Быстро и вежливо")


def test_scan_answer_and_see_thanks(phone, survey_url, screenshot):
    url, touchpoint = survey_url
    phone.goto(url)
    expect(phone.locator("h1")).to_be_visible()
    fill(phone)
    screenshot(phone, "survey-phone")
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.locator("h1")).to_contain_text("Спасибо")
    screenshot(phone, "thanks-phone")
    stored = Response.objects.get(touchpoint=touchpoint)
    assert stored.channel == "qr"
    assert stored.answers.count() == 4


def test_an_answer_sent_offline_arrives_once_when_the_network_returns(phone, survey_url):
    url, touchpoint = survey_url
    phone.goto(url)
    fill(phone)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.locator("#survey-status")).to_contain_text("Нет связи")
    assert Response.objects.filter(touchpoint=touchpoint).count() == 0
    phone.context.set_offline(False)
    # The page retries on the browser's «online» event, or at the latest every 15 s.
    expect(phone.locator("h1")).to_contain_text("Спасибо", timeout=45_000)
    assert Response.objects.filter(touchpoint=touchpoint).count() == 1


def test_an_answer_queued_when_the_page_was_closed_is_sent_on_the_next_visit(phone, survey_url):
    url, touchpoint = survey_url
    phone.goto(url)
    fill(phone)
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.locator("#survey-status")).to_contain_text("Нет связи")
    phone.context.set_offline(False)
    phone.goto("about:blank")  # leaves before the retry fires
    phone.goto(url)  # any page of ours flushes the queue
    phone.wait_for_function("() => localStorage.getItem('otklik.pendingAnswers') === '[]'")
    phone.reload()
    phone.wait_for_function("() => localStorage.getItem('otklik.pendingAnswers') === '[]'")
    assert Response.objects.filter(touchpoint=touchpoint).count() == 1


def test_survey_and_thanks_pages_have_no_serious_accessibility_violations(phone, survey_url):
    url, _touchpoint = survey_url
    phone.goto(url)
    assert serious_violations(phone) == []
    fill(phone)
    phone.get_by_role("button", name="Отправить").click()
    expect(phone.locator("h1")).to_contain_text("Спасибо")
    assert serious_violations(phone) == []


def test_the_form_works_without_javascript(browser, survey_url):
    url, touchpoint = survey_url
    context = browser.new_context(
        java_script_enabled=False, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(url)
    fill(page)
    page.get_by_role("button", name="Отправить").click()
    expect(page.locator("h1")).to_contain_text("Спасибо")
    context.close()
    assert Response.objects.filter(touchpoint=touchpoint).count() == 1
