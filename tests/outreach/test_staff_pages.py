"""Staff pages: inviting by hand and erasure on request, by role."""

import pytest
from django.urls import reverse
from django.utils import timezone

from otklik.feedback.models import Invitation
from otklik.outreach.models import Contact, ContactErasure, DeliveryAddress
from otklik.outreach.services import do_record_consent
from tests.outreach.helpers import PHONE, answers

pytestmark = pytest.mark.django_db

INVITE = {  # may open the page / sees the main journey's touchpoints
    "specialist": (200, True),
    "teamlead": (200, True),
    "director": (200, True),
    "regadmin": (200, True),
    "analyst": (403, False),
    "specialist2": (200, False),
    "admin": (200, True),
}
ERASE = {
    "specialist": 403,
    "teamlead": 403,
    "director": 200,
    "regadmin": 200,
    "analyst": 403,
    "specialist2": 403,
    "admin": 200,
}


def invite_form(touchpoint, **overrides):
    data = {
        "touchpoint": touchpoint.pk,
        "channel": "sms",
        "address": "8 916 123-45-67",
        "interaction_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client):
    for name in ("outreach_invite", "outreach_erase"):
        page = client.get(reverse(name))
        assert page.status_code == 302
        assert page["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("username", INVITE)
def test_the_invite_page_by_role(client_for, username, touchpoint):
    status, sees_main = INVITE[username]
    client = client_for(username)
    page = client.get(reverse("outreach_invite"))
    assert page.status_code == status
    if status == 200:
        choices = set(page.context["form"].fields["touchpoint"].queryset)
        assert (touchpoint in choices) is sees_main
    posted = client.post(reverse("outreach_invite"), invite_form(touchpoint))
    if sees_main:
        assert posted.status_code == 302
        assert Invitation.objects.count() == 1
    else:
        assert posted.status_code in (400, 403)
        assert not Invitation.objects.exists()


def test_inviting_by_hand_stores_the_address_only_for_sending(client_for, touchpoint):
    client = client_for("specialist")
    page = client.post(reverse("outreach_invite"), invite_form(touchpoint), follow=True)
    assert page.status_code == 200
    invitation = Invitation.objects.get()
    assert invitation.channel == "sms"
    assert DeliveryAddress.objects.get().address == PHONE
    assert "9161234567" not in page.content.decode()
    # The same person again: not invited, and told why.
    again = client.post(reverse("outreach_invite"), invite_form(touchpoint), follow=True)
    assert Invitation.objects.count() == 1
    assert [m.level_tag for m in again.context["messages"]] == ["warning"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"address": "citizen@example.ru"}, "address"),  # not a phone for an SMS
        ({"channel": "email", "address": "+79161234567"}, "address"),
        ({"channel": "qr"}, "channel"),
        ({"interaction_at": "вчера"}, "interaction_at"),
    ],
)
def test_bad_invitations_are_refused_with_a_message(client_for, touchpoint, overrides, field):
    page = client_for("teamlead").post(
        reverse("outreach_invite"), invite_form(touchpoint, **overrides)
    )
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert not Invitation.objects.exists()


def test_an_interaction_in_the_future_is_refused(client_for, touchpoint):
    later = (timezone.localtime() + timezone.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page = client_for("director").post(
        reverse("outreach_invite"), invite_form(touchpoint, interaction_at=later)
    )
    assert page.status_code == 400
    assert page.context["form"].non_field_errors()
    assert not Invitation.objects.exists()


@pytest.fixture
def contact(client, touchpoint):
    from otklik.feedback.models import Response

    data = answers(touchpoint)
    client.post(reverse("public_survey", args=[touchpoint.public_code]), data)
    response = Response.objects.get(idempotency_key=data["idempotency_key"])
    return do_record_consent(response, phone=PHONE, purpose="reply", text_version="2026-11")


@pytest.mark.parametrize("username", ERASE)
def test_the_erasure_page_by_role(client_for, username, contact):
    client = client_for(username)
    assert client.get(reverse("outreach_erase")).status_code == ERASE[username]
    posted = client.post(
        reverse("outreach_erase"), {"phone": "89161234567", "reason": "Заявление № 7"}
    )
    if ERASE[username] == 200:
        assert posted.status_code == 302
        assert not Contact.objects.exists()
        assert ContactErasure.objects.get().contacts == 1
    else:
        assert posted.status_code == 403
        assert Contact.objects.exists()
        assert not ContactErasure.objects.exists()


def test_the_erasure_page_shows_the_result_without_the_data(client_for, contact):
    client = client_for("director")
    page = client.post(
        reverse("outreach_erase"),
        {"phone": "+7 916 123-45-67", "reason": "Заявление № 7"},
        follow=True,
    )
    html = page.content.decode()
    assert "9161234567" not in html
    assert "123-45-67" not in html
    assert "Заявление № 7" in html
    assert contact.response.answers.exists()


def test_the_erasure_page_needs_an_address_and_a_reason(client_for, contact):
    client = client_for("regadmin")
    assert client.post(reverse("outreach_erase"), {"reason": "x"}).status_code == 400
    assert client.post(reverse("outreach_erase"), {"phone": PHONE}).status_code == 400
    assert (
        client.post(
            reverse("outreach_erase"), {"phone": PHONE, "reason": "тел. +79161234567"}
        ).status_code
        == 400
    )
    assert Contact.objects.exists()
