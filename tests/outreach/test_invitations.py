"""Inviting and sending (F2, F3): the address lives only until the message is sent."""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail, signing
from django.db import connection
from django.utils import timezone

from otklik.feedback.models import Invitation, Response
from otklik.outreach import invitations as rules
from otklik.outreach.models import DeliveryAddress
from otklik.outreach.providers import SmsError
from otklik.outreach.respondents import InvalidAddress, respondent_key
from otklik.outreach.services import (
    LINK_SALT,
    InvitationRefused,
    do_invite,
    load_invitation,
    send_due_invitations,
)
from tests.outreach.helpers import EMAIL, PHONE, token_of

pytestmark = pytest.mark.django_db
MSK = ZoneInfo("Europe/Moscow")


def table_rows(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a fixed table name)
        return repr(cursor.fetchall())


def test_an_invitation_keeps_the_key_and_the_address_only_apart(touchpoint):
    result = do_invite(touchpoint, "sms", "8 (916) 123-45-67", timezone.now())
    invitation = result.invitation
    assert result.created and not result.skipped
    assert invitation.respondent_key == respondent_key(PHONE)
    assert invitation.channel == "sms"
    journey = touchpoint.stage.journey
    assert (invitation.region_id, invitation.centre_id) == (journey.region_id, journey.centre_id)
    assert invitation.address.address == PHONE
    for table in ("feedback_invitation", "feedback_response", "feedback_answer"):
        rows = table_rows(table)
        assert "9161234567" not in rows
        assert "123-45-67" not in rows


def test_bad_input_is_refused_and_changes_nothing(touchpoint):
    before = Invitation.objects.count()
    with pytest.raises(InvalidAddress):
        do_invite(touchpoint, "sms", "not a phone", timezone.now())
    with pytest.raises(InvalidAddress):
        do_invite(touchpoint, "email", PHONE, timezone.now())
    with pytest.raises(InvitationRefused):
        do_invite(touchpoint, "qr", PHONE, timezone.now())
    with pytest.raises(InvitationRefused):
        do_invite(touchpoint, "sms", PHONE, timezone.now() + timedelta(hours=1))
    assert Invitation.objects.count() == before


def test_a_touchpoint_without_a_survey_is_refused(other_draft):
    from otklik.journeys.models import Touchpoint

    touchpoint = Touchpoint.objects.filter(stage__journey=other_draft).first()
    with pytest.raises(InvitationRefused):
        do_invite(touchpoint, "sms", PHONE, timezone.now())


def test_fatigue_the_same_person_is_not_invited_again(touchpoint, settings):
    settings.OTKLIK_FATIGUE_DAYS = 30
    now = timezone.now()
    assert do_invite(touchpoint, "sms", PHONE, now).created
    # Still pending, and another spelling of the same number: not again.
    again = do_invite(touchpoint, "sms", "8 916 123 45 67", now)
    assert (again.invitation, again.skipped) == (None, rules.FATIGUE)
    assert send_due_invitations(now) == 1
    soon = now + timedelta(days=29)
    assert do_invite(touchpoint, "sms", PHONE, soon, now=soon).skipped == rules.FATIGUE
    later = now + timedelta(days=31)
    assert do_invite(touchpoint, "sms", PHONE, later, now=later).created
    # Somebody else is invited at once.
    assert do_invite(touchpoint, "sms", "+79160000000", now).created


def test_fatigue_counts_answers_too(touchpoint):
    from otklik.feedback.models import SurveyVersion

    version = SurveyVersion.objects.filter(survey__touchpoints=touchpoint).first()
    journey = touchpoint.stage.journey
    Response.objects.create(
        survey_version=version,
        touchpoint=touchpoint,
        journey=journey,
        region_id=journey.region_id,
        centre_id=journey.centre_id,
        channel="email",
        respondent_key=respondent_key(EMAIL),
    )
    assert do_invite(touchpoint, "email", EMAIL.upper(), timezone.now()).skipped == rules.FATIGUE


def test_an_invitation_that_was_never_sent_does_not_tire(touchpoint):
    now = timezone.now()
    first = do_invite(touchpoint, "sms", PHONE, now - timedelta(hours=47), now=now)
    assert first.created
    # The window closed before anything was sent: the person was never asked.
    later = now + timedelta(hours=2)
    assert send_due_invitations(later) == 0
    first.invitation.refresh_from_db()
    assert first.invitation.skipped_reason == rules.EXPIRED
    assert do_invite(touchpoint, "sms", PHONE, later, now=later).created


def test_an_interaction_too_long_ago_is_not_invited(touchpoint, settings):
    settings.OTKLIK_INVITATION_WINDOW_HOURS = 48
    result = do_invite(touchpoint, "sms", PHONE, timezone.now() - timedelta(hours=49))
    assert (result.invitation, result.skipped) == (None, rules.WINDOW_PASSED)
    assert not Invitation.objects.exists()
    assert not DeliveryAddress.objects.exists()


def test_the_window_and_delay_come_from_settings(touchpoint, settings):
    settings.OTKLIK_INVITATION_DELAY_MINUTES = 30
    settings.OTKLIK_INVITATION_WINDOW_HOURS = 24
    now = timezone.now()
    invitation = do_invite(touchpoint, "sms", PHONE, now, now=now).invitation
    assert invitation.send_after == now + timedelta(minutes=30)
    assert invitation.send_before == now + timedelta(hours=24)
    assert send_due_invitations(now) == 0  # not yet
    assert send_due_invitations(now + timedelta(minutes=31)) == 1


def test_quiet_hours_move_the_invitation_to_the_morning(touchpoint, settings):
    settings.OTKLIK_QUIET_HOURS = "21:00-09:00"
    evening = datetime(2026, 11, 24, 22, 15, tzinfo=MSK)
    result = do_invite(touchpoint, "sms", PHONE, evening, now=evening)
    assert result.due == datetime(2026, 11, 25, 9, 0, tzinfo=MSK)
    assert result.invitation.send_after == datetime(2026, 11, 25, 9, 0, tzinfo=MSK)
    assert send_due_invitations(evening + timedelta(minutes=5)) == 0
    assert send_due_invitations(datetime(2026, 11, 25, 8, 59, tzinfo=MSK)) == 0
    assert send_due_invitations(datetime(2026, 11, 25, 9, 0, tzinfo=MSK)) == 1


def test_nothing_is_sent_at_night_even_if_due(touchpoint, settings, sms_outbox):
    settings.OTKLIK_QUIET_HOURS = "21:00-09:00"
    afternoon = datetime(2026, 11, 24, 15, 0, tzinfo=MSK)
    invitation = do_invite(touchpoint, "sms", PHONE, afternoon, now=afternoon).invitation
    # The worker was down all evening; at 23:00 it is quiet: wait for the morning.
    assert send_due_invitations(datetime(2026, 11, 24, 23, 0, tzinfo=MSK)) == 0
    assert sms_outbox.messages() == []
    assert send_due_invitations(datetime(2026, 11, 25, 9, 1, tzinfo=MSK)) == 1
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_a_window_ending_in_the_night_is_given_up(touchpoint, settings):
    settings.OTKLIK_QUIET_HOURS = "21:00-09:00"
    settings.OTKLIK_INVITATION_WINDOW_HOURS = 8
    afternoon = datetime(2026, 11, 24, 15, 0, tzinfo=MSK)
    invitation = do_invite(touchpoint, "sms", PHONE, afternoon, now=afternoon).invitation
    assert send_due_invitations(datetime(2026, 11, 24, 21, 30, tzinfo=MSK)) == 0
    invitation.refresh_from_db()
    assert invitation.skipped_reason == rules.QUIET_HOURS
    assert not DeliveryAddress.objects.filter(invitation=invitation).exists()


def test_an_evening_interaction_with_a_short_window_is_not_invited(touchpoint, settings):
    settings.OTKLIK_QUIET_HOURS = "21:00-09:00"
    settings.OTKLIK_INVITATION_WINDOW_HOURS = 4
    evening = datetime(2026, 11, 24, 21, 30, tzinfo=MSK)
    result = do_invite(touchpoint, "sms", PHONE, evening, now=evening)
    assert (result.invitation, result.skipped) == (None, rules.QUIET_HOURS)
    early = datetime(2026, 11, 24, 20, 30, tzinfo=MSK)  # still half an hour to send it
    assert do_invite(touchpoint, "sms", PHONE, early, now=early).created


def test_sending_twice_sends_once_and_forgets_the_address(touchpoint, sms_outbox):
    invitation = do_invite(touchpoint, "sms", PHONE, timezone.now()).invitation
    assert send_due_invitations() == 1
    assert send_due_invitations() == 0
    [message] = sms_outbox.messages()
    assert message["to"] == PHONE
    assert message["reference"] == f"otklik-invitation-{invitation.pk}"
    assert "https://otklik.example.ru/s/i/" in message["text"]
    assert load_invitation(token_of(message["text"])) == invitation
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
    assert not DeliveryAddress.objects.exists()


def test_two_workers_never_send_the_same_invitation(touchpoint, settings, monkeypatch):
    """A second worker running while the first is sending finds nothing to claim."""
    do_invite(touchpoint, "sms", PHONE, timezone.now())
    do_invite(touchpoint, "sms", "+79160000001", timezone.now())
    sent, inner_counts = [], []

    class Racing:
        def send(self, phone, text, *, reference=""):
            sent.append(phone)
            if not inner_counts:
                inner_counts.append(None)
                inner_counts[0] = send_due_invitations()  # the «other worker»
            return "id"

    monkeypatch.setattr("otklik.outreach.services.sms_provider", Racing)
    outer = send_due_invitations()
    assert sorted(sent) == sorted([PHONE, "+79160000001"])  # each once
    assert outer + inner_counts[0] == 2


def test_email_invitations_carry_the_signed_link(touchpoint):
    invitation = do_invite(touchpoint, "email", " Citizen@Example.RU ", timezone.now()).invitation
    assert send_due_invitations() == 1
    [message] = mail.outbox
    assert message.to == [EMAIL]
    token = token_of(message.body)
    assert load_invitation(token) == invitation
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert f'href="https://otklik.example.ru/s/i/{token}/"' in html
    data = signing.loads(token, salt=LINK_SALT)
    assert data == {"i": invitation.pk, "t": touchpoint.pk, "c": "email"}
    assert touchpoint.stage.journey.centre.name in message.body


def test_a_temporary_failure_is_tried_again(touchpoint, monkeypatch, caplog):
    invitation = do_invite(touchpoint, "sms", PHONE, timezone.now()).invitation

    class Down:
        def send(self, phone, text, *, reference=""):
            raise SmsError("the SMS gateway cannot be reached", temporary=True)

    monkeypatch.setattr("otklik.outreach.services.sms_provider", Down)
    caplog.set_level(logging.DEBUG)
    assert send_due_invitations() == 0
    invitation.refresh_from_db()
    assert (invitation.sent_at, invitation.skipped_reason) == (None, "")
    assert DeliveryAddress.objects.filter(invitation=invitation).exists()
    assert "9161234567" not in caplog.text
    monkeypatch.undo()
    assert send_due_invitations() == 1


def test_a_permanent_failure_gives_up_and_forgets_the_address(touchpoint, monkeypatch, caplog):
    import smtplib

    invitation = do_invite(touchpoint, "email", EMAIL, timezone.now()).invitation

    def refused(*args, **kwargs):
        raise smtplib.SMTPRecipientsRefused({EMAIL: (550, b"no such user")})

    monkeypatch.setattr("otklik.outreach.services.send_email", refused)
    caplog.set_level(logging.DEBUG)
    assert send_due_invitations() == 0
    invitation.refresh_from_db()
    assert invitation.skipped_reason == rules.FAILED
    assert invitation.sent_at is None
    assert not DeliveryAddress.objects.exists()
    assert EMAIL not in caplog.text


def test_expired_invitations_are_marked_and_their_address_deleted(touchpoint):
    now = timezone.now()
    invitation = do_invite(touchpoint, "sms", PHONE, now - timedelta(hours=47), now=now).invitation
    assert send_due_invitations(now + timedelta(hours=2)) == 0
    invitation.refresh_from_db()
    assert invitation.skipped_reason == rules.EXPIRED
    assert not DeliveryAddress.objects.exists()


def test_an_address_left_by_a_crashed_send_is_deleted(touchpoint):
    now = timezone.now()
    invitation = do_invite(touchpoint, "sms", PHONE, now).invitation
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=now)  # claimed, then a crash
    assert send_due_invitations(now + timedelta(minutes=5)) == 0
    assert DeliveryAddress.objects.exists()  # may still be sending
    send_due_invitations(now + timedelta(hours=2))
    assert not DeliveryAddress.objects.exists()


def test_an_unexpected_provider_error_is_not_retried_and_others_still_go(
    touchpoint, monkeypatch, caplog
):
    first = do_invite(touchpoint, "sms", PHONE, timezone.now()).invitation
    second = do_invite(touchpoint, "sms", "+79160000002", timezone.now()).invitation
    sent = []

    class Buggy:
        def send(self, phone, text, *, reference=""):
            if phone == PHONE:
                raise KeyError(phone)  # a provider bug whose message holds the number
            sent.append(phone)
            return "id"

    monkeypatch.setattr("otklik.outreach.services.sms_provider", Buggy)
    caplog.set_level(logging.DEBUG)
    assert send_due_invitations() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.sent_at, first.skipped_reason) == (None, rules.FAILED)
    assert second.sent_at is not None
    assert sent == ["+79160000002"]
    assert "9161234567" not in caplog.text
    assert not DeliveryAddress.objects.exists()


def test_a_misconfigured_gateway_stops_before_claiming(touchpoint, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.OTKLIK_SMS_PROVIDER = "otklik.outreach.providers.HttpSmsProvider"
    settings.OTKLIK_SMS_HTTP_URL = "http://sms.example.ru/plain-http"
    invitation = do_invite(touchpoint, "sms", PHONE, timezone.now()).invitation
    with pytest.raises(ImproperlyConfigured):
        send_due_invitations()
    invitation.refresh_from_db()
    assert (invitation.sent_at, invitation.skipped_reason) == (None, "")
    assert DeliveryAddress.objects.filter(invitation=invitation).exists()
