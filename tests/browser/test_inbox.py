"""The feedback inbox in a real browser: a specialist links an unlinked complaint to a
touchpoint, replies and closes it; a specialist of another centre cannot see it."""

import pytest
from playwright.sync_api import expect

from otklik.feedback.models import FeedbackItem
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

COMPLAINT = "Пришла к 10:00 по записи"


def test_a_specialist_links_replies_and_closes_another_centre_cannot_see(site, page, screenshot):
    item = FeedbackItem.objects.get(text__startswith=COMPLAINT)
    assert item.touchpoint_id is None

    log_in(page, site, "specialist")
    page.goto(f"{site}/inbox/")
    page.locator(".tabs a").nth(1).click()  # the «without a touchpoint» queue
    row = page.locator("tbody tr", has_text=COMPLAINT)
    expect(row).to_be_visible()
    screenshot(page, "inbox-unlinked")
    row.get_by_role("link").click()
    page.wait_for_url(f"{site}/inbox/{item.pk}/")
    screenshot(page, "inbox-item-new")

    link_form = page.locator("form[action$='/link/']")
    # The complaint is about the hall administrator: that touchpoint of the youth journey.
    option = link_form.locator("option", has_text="Администратор и навигация").first
    link_form.locator("select[name=touchpoint]").select_option(option.get_attribute("value"))
    link_form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()

    reply_form = page.locator("form[action$='/reply/']").first
    reply_form.locator("textarea[name=text]").fill(
        "Здравствуйте! Простите за ожидание. Мы добавили второго администратора в зал по утрам."
    )
    reply_form.locator("button[type=submit]").click()
    expect(page.locator("body")).to_contain_text("добавили второго администратора")

    status_form = page.locator("form[action$='/status/']")
    status_form.locator("select[name=status]").select_option("closed")
    status_form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    screenshot(page, "inbox-item-closed")

    item.refresh_from_db()
    assert item.touchpoint.name.startswith("Администратор и навигация")
    assert item.status == "closed"
    assert item.status_changed_by.username == "specialist"
    assert item.replies.count() == 1

    page.context.clear_cookies()
    log_in(page, site, "specialist2")
    response = page.goto(f"{site}/inbox/{item.pk}/")
    assert response.status == 404
    page.goto(f"{site}/inbox/")
    expect(page.locator("table.list")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(COMPLAINT)
    screenshot(page, "inbox-other-centre")
