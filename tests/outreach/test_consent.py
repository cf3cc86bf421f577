"""Consent and erasure (F4): contact data only with recorded consent, apart from the
answers, and deletable on request while the answers stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from otklik.feedback.models import Response
from otklik.outreach.models import ConsentPurpose, Contact, ContactErasure, DeliveryAddress
from otklik.outreach.services import ConsentError, do_erase_contacts, do_invite, do_record_consent
from otklik.outreach.views import CONSENT_TEXT, CONSENT_TEXT_VERSION, contact_offer_url
from tests.outreach.helpers import EMAIL, PHONE, answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def response(client, touchpoint):
    """A fresh anonymous answer from a QR code."""
    data = answers(touchpoint)
    client.post(reverse("public_survey", args=[touchpoint.public_code]), data)
    return Response.objects.get(idempotency_key=data["idempotency_key"])


def contact_url(response):
    return reverse("public_contact", args=[response.idempotency_key])


def consent_form(**overrides):
    data = {
        "name": "Анна",
        "phone": "8 916 123-45-67",
        "email": "",
        "purpose": ConsentPurpose.REPLY,
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_answers_are_anonymous_by_default(response):
    assert not Contact.objects.filter(response=response).exists()
    assert response.respondent_key == ""


def test_the_contact_page_quotes_the_consent_with_an_unticked_box(client, response):
    page = client.get(contact_url(response))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'type="checkbox" name="consent"' in html
    assert "checked" not in html.split('name="consent"')[1].split(">")[0]
    with translation.override("ru"):
        assert escape(str(CONSENT_TEXT)) in html


def test_consent_is_recorded_with_version_time_and_purpose(client, response):
    before = timezone.now()
    page = client.post(contact_url(response), consent_form(email="Anna@Example.RU"))
    assert page.status_code == 302
    contact = Contact.objects.get(response=response)
    assert (contact.name, contact.phone, contact.email) == ("Анна", PHONE, "anna@example.ru")
    assert contact.purpose == ConsentPurpose.REPLY
    assert contact.consent_text_version == CONSENT_TEXT_VERSION
    assert before <= contact.consented_at <= timezone.now()
    # The answer itself is unchanged and still carries nothing personal.
    response.refresh_from_db()
    assert response.respondent_key == ""
    done = client.get(contact_url(response))
    assert done.context["done"] is True
    assert "9161234567" not in done.content.decode()
    assert client.post(contact_url(response), consent_form()).status_code == 200
    assert Contact.objects.filter(response=response).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"phone": "", "email": ""}, "__all__"),
        ({"phone": "12"}, "phone"),
        ({"phone": "", "email": "anna@"}, "email"),
        ({"purpose": "marketing"}, "purpose"),
    ],
)
def test_without_consent_or_an_address_nothing_is_stored(client, response, overrides, field):
    data = consent_form(**overrides)
    if not data["consent"]:
        del data["consent"]
    page = client.post(contact_url(response), data)
    assert page.status_code == 400
    assert field in page.context["form"].errors
    assert not Contact.objects.exists()


def test_the_contact_page_opens_only_with_a_fresh_answers_key(client, response, settings):
    import uuid

    assert client.get(reverse("public_contact", args=[uuid.uuid4()])).status_code == 404
    Response.objects.filter(pk=response.pk).update(
        submitted_at=timezone.now() - timedelta(minutes=61)
    )
    assert client.get(contact_url(response)).status_code == 404
    assert client.post(contact_url(response), consent_form()).status_code == 404
    assert not Contact.objects.exists()
    assert contact_offer_url(response.idempotency_key) is None


def test_the_offer_for_any_thanks_page(response):
    assert contact_offer_url(response) == contact_url(response)
    assert contact_offer_url(str(response.idempotency_key)) == contact_url(response)
    assert contact_offer_url("not-a-key") is None
    do_record_consent(response, phone=PHONE, purpose="reply", text_version="2026-11")
    assert contact_offer_url(response) is None


def test_invited_respondents_get_the_offer_too(client, sent_sms):
    invitation, token = sent_sms
    client.post(reverse("public_invitation", args=[token]), answers(invitation.touchpoint))
    thanks = client.get(reverse("public_invitation_thanks", args=[token]))
    url = thanks.context["contact_url"]
    assert url in thanks.content.decode()
    assert client.post(url, consent_form(phone="", email=EMAIL)).status_code == 302
    contact = Contact.objects.get()
    assert contact.response.invitation == invitation
    assert contact.email == EMAIL


def test_record_consent_refuses_bad_input(response):
    with pytest.raises(ConsentError):
        do_record_consent(response, purpose="reply", text_version="2026-11")
    with pytest.raises(ConsentError):
        do_record_consent(response, phone=PHONE, purpose="ads", text_version="2026-11")
    with pytest.raises(ValueError):
        do_record_consent(response, phone=PHONE, purpose="reply", text_version="")
    do_record_consent(response, phone=PHONE, purpose="reply", text_version="2026-11")
    with pytest.raises(ConsentError):
        do_record_consent(response, email=EMAIL, purpose="reply", text_version="2026-11")


def test_erasure_deletes_contacts_and_keeps_the_answers(response, users, touchpoint):
    do_record_consent(
        response, name="Анна", phone="89161234567", purpose="reply", text_version="2026-11"
    )
    pending = do_invite(touchpoint, "sms", PHONE, timezone.now() + timedelta(minutes=2)).invitation
    answers_before = response.answers.count()
    count = do_erase_contacts(
        phone="+7 916 123 45 67", user=users["director"], reason="Обращение № 15 от 24.11.2026"
    )
    assert count == 2  # the contact and the address of the invitation not yet sent
    assert not Contact.objects.exists()
    assert not DeliveryAddress.objects.exists()
    response.refresh_from_db()
    assert response.answers.count() == answers_before
    pending.refresh_from_db()
    assert pending.skipped_reason == "erased"
    erasure = ContactErasure.objects.get()
    assert (erasure.erased_by, erasure.contacts) == (users["director"], 2)
    assert erasure.reason == "Обращение № 15 от 24.11.2026"
    assert "9161234567" not in repr(ContactErasure.objects.values().get())


def test_erasure_by_email_ignores_case(response, users):
    do_record_consent(response, email=EMAIL, purpose="surveys", text_version="2026-11")
    assert (
        do_erase_contacts(email="CITIZEN@example.ru", user=users["regadmin"], reason="Заявление")
        == 1
    )
    assert not Contact.objects.exists()


def test_the_reason_may_not_hold_the_data(response, users):
    do_record_consent(response, phone=PHONE, purpose="reply", text_version="2026-11")
    with pytest.raises(ConsentError):
        do_erase_contacts(phone=PHONE, user=users["director"], reason="удалить 8-916-123-45-67")
    with pytest.raises(ConsentError):
        do_erase_contacts(phone=PHONE, user=users["director"], reason="")
    assert Contact.objects.exists()
    assert not ContactErasure.objects.exists()


def test_erasure_is_limited_to_directors_and_administrators(response, users):
    from django.core.exceptions import PermissionDenied

    do_record_consent(response, phone=PHONE, purpose="reply", text_version="2026-11")
    for username in ("specialist", "teamlead", "analyst", "specialist2"):
        with pytest.raises(PermissionDenied):
            do_erase_contacts(phone=PHONE, user=users[username], reason="Заявление")
    assert Contact.objects.exists()
