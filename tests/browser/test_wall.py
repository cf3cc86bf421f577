"""The public feedback wall on a phone: published reviews with replies, posting a new one."""

import pytest
from playwright.sync_api import expect

from otklik.feedback.models import FeedbackItem
from tests.browser.conftest import serious_violations

pytestmark = pytest.mark.browser


def test_the_wall_shows_replies_takes_a_review_and_is_accessible(site, phone, settings, screenshot):
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0
    phone.goto(f"{site}/wall/podolsk/")
    expect(phone.locator(".review").first).to_be_visible()
    expect(phone.locator(".reply").first).to_be_visible()
    assert serious_violations(phone) == []
    screenshot(phone, "wall-phone")

    before = FeedbackItem.objects.count()
    phone.get_by_role("textbox", name="Ваш отзыв").fill(
        "Спасибо специалисту за терпение! Позвоните мне 8 916 123-45-67"
    )
    phone.get_by_role("button", name="Отправить отзыв").click()
    expect(phone.locator("h1")).to_contain_text("Спасибо")
    assert serious_violations(phone) == []
    item = FeedbackItem.objects.order_by("-pk").first()
    assert FeedbackItem.objects.count() == before + 1
    assert item.publication == "pending"
    phone.goto(f"{site}/wall/podolsk/")
    expect(phone.locator("body")).not_to_contain_text("терпение")
