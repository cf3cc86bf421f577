"""The invitation link (F3): opening never consumes it; one answer per link counts."""

import time
import uuid
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from otklik.feedback.models import Response
from otklik.outreach.services import LINK_SALT, do_invite, invitation_link, send_due_invitations
from tests.outreach.helpers import PHONE, answers

pytestmark = pytest.mark.django_db


def url_of(token):
    return reverse("public_invitation", args=[token])


def test_the_link_is_absolute_and_signed(sent_sms, settings):
    invitation, token = sent_sms
    link = invitation_link(invitation)
    assert link.startswith("https://otklik.example.ru/s/i/")
    assert signing.loads(token, salt=LINK_SALT) == {
        "i": invitation.pk,
        "t": invitation.touchpoint_id,
        "c": "sms",
    }


def test_opening_the_link_shows_the_survey_and_consumes_nothing(client, sent_sms):
    invitation, token = sent_sms
    before = Response.objects.count()
    for _ in range(3):  # a mail scanner, a messenger preview, the citizen
        page = client.get(url_of(token))
        assert page.status_code == 200
        assert "Насколько легко вам было решить проблему" in page.content.decode()
        assert 'name="idempotency_key"' in page.content.decode()
    assert Response.objects.count() == before
    assert not Response.objects.filter(invitation=invitation).exists()
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]


def test_an_answer_through_the_link_counts_once(client, sent_sms):
    invitation, token = sent_sms
    touchpoint = invitation.touchpoint
    data = answers(touchpoint, channel="qr")  # the form's channel is ignored: the link's counts
    page = client.post(url_of(token), data)
    assert page.status_code == 302
    assert page["Location"] == reverse("public_invitation_thanks", args=[token])
    stored = Response.objects.get(invitation=invitation)
    assert (stored.channel, stored.respondent_key, stored.touchpoint) == (
        "sms",
        invitation.respondent_key,
        touchpoint,
    )
    assert str(stored.idempotency_key) == data["idempotency_key"]
    # The same submit again (a retry), then a new form through the same link.
    assert client.post(url_of(token), data).status_code == 302
    again = client.post(url_of(token), answers(touchpoint))
    assert again.status_code == 302
    assert again["Location"] == reverse("public_invitation_thanks", args=[token])
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Response.objects.filter(respondent_key=invitation.respondent_key).count() == 1
    # Once answered, the link opens the thanks page.
    opened = client.get(url_of(token))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("public_invitation_thanks", args=[token])


def test_the_offline_script_gets_json(client, sent_sms):
    invitation, token = sent_sms
    data = answers(invitation.touchpoint)
    first = client.post(url_of(token), data, headers={"Accept": "application/json"})
    assert first.status_code == 201
    assert first.json()["status"] == "saved"
    second = client.post(
        url_of(token), answers(invitation.touchpoint), headers={"Accept": "application/json"}
    )
    assert second.status_code == 200
    assert second.json() == {
        "status": "duplicate",
        "id": second.json()["id"],
        "thanks": reverse("public_invitation_thanks", args=[token]),
    }
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_a_concurrent_second_answer_is_caught(client, sent_sms, monkeypatch):
    """The database's one-answer-per-invitation rule is the last guard."""
    from otklik.outreach import services

    invitation, token = sent_sms
    client.post(url_of(token), answers(invitation.touchpoint))
    real, calls = services.answered, []

    def not_seen_yet(inv):  # as if the first answer were committed a moment later
        calls.append(inv)
        return None if len(calls) == 1 else real(inv)

    monkeypatch.setattr(services, "answered", not_seen_yet)
    page = client.post(url_of(token), answers(invitation.touchpoint))
    assert page.status_code == 302
    assert len(calls) == 2  # the check missed it, the unique invitation caught it
    assert Response.objects.filter(invitation=invitation).count() == 1


def test_invalid_answers_are_shown_again_and_nothing_is_stored(client, sent_sms):
    invitation, token = sent_sms
    from otklik.feedback.services import survey_for

    nps = next(q for q in survey_for(invitation.touchpoint).questions if q["type"] == "nps")
    page = client.post(url_of(token), answers(invitation.touchpoint, **{f"q_{nps['key']}": "11"}))
    assert page.status_code == 400
    assert not Response.objects.filter(invitation=invitation).exists()


def tamper(token: str) -> str:
    head, _sep, signature = token.rpartition(":")
    return head + ":" + ("A" if signature[0] != "A" else "B") + signature[1:]


def test_a_forged_or_tampered_link_is_refused(client, sent_sms):
    invitation, token = sent_sms
    forged_other_touchpoint = signing.dumps(
        {"i": invitation.pk, "t": invitation.touchpoint_id + 1, "c": "sms"}, salt=LINK_SALT
    )
    forged_other_channel = signing.dumps(
        {"i": invitation.pk, "t": invitation.touchpoint_id, "c": "email"}, salt=LINK_SALT
    )
    wrong_salt = signing.dumps({"i": invitation.pk, "t": invitation.touchpoint_id, "c": "sms"})
    for bad in (tamper(token), forged_other_touchpoint, forged_other_channel, wrong_salt, "x"):
        page = client.get(url_of(bad))
        assert page.status_code == 404, bad
        assert client.post(url_of(bad), answers(invitation.touchpoint)).status_code == 404
    assert not Response.objects.filter(invitation=invitation).exists()


def test_an_expired_link_is_refused_kindly(client, sent_sms, settings, monkeypatch):
    invitation, _token = sent_sms
    settings.OTKLIK_INVITATION_LINK_DAYS = 14
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() - 15 * 86400)
    old = signing.dumps(
        {"i": invitation.pk, "t": invitation.touchpoint_id, "c": "sms"}, salt=LINK_SALT
    )
    monkeypatch.undo()
    page = client.get(url_of(old))
    assert page.status_code == 410
    assert "14" in page.content.decode()
    assert client.post(url_of(old), answers(invitation.touchpoint)).status_code == 410
    assert not Response.objects.filter(invitation=invitation).exists()


def test_a_link_of_an_unsent_invitation_does_not_work(client, touchpoint):
    invitation = do_invite(
        touchpoint, "sms", PHONE, timezone.now() + timedelta(minutes=1)
    ).invitation
    token = signing.dumps(
        {"i": invitation.pk, "t": invitation.touchpoint_id, "c": "sms"}, salt=LINK_SALT
    )
    assert client.get(url_of(token)).status_code == 404
    send_due_invitations(timezone.now() + timedelta(minutes=2))
    assert client.get(url_of(token)).status_code == 200


def test_the_thanks_page_needs_an_answer(client, sent_sms):
    invitation, token = sent_sms
    thanks = reverse("public_invitation_thanks", args=[token])
    assert client.get(thanks)["Location"] == url_of(token)
    client.post(url_of(token), answers(invitation.touchpoint))
    page = client.get(thanks)
    assert page.status_code == 200
    assert page.context["contact_url"] == reverse(
        "public_contact", args=[Response.objects.get(invitation=invitation).idempotency_key]
    )
    assert uuid.UUID(page.context["contact_url"].split("/")[-2])
