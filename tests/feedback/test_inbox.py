"""The staff inbox of feedback items (F5, F6): services, selectors, access and pages."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

import otklik.feedback.audit_inbox  # noqa: F401  (registered from FeedbackConfig.ready())
from otklik.demo.loader import load_demo
from otklik.feedback import inbox
from otklik.feedback.choices import FeedbackChannel, FeedbackStatus
from otklik.feedback.models import FeedbackItem, FeedbackReply, ReplyTemplate
from otklik.journeys.models import Touchpoint
from otklik.org.models import Unit
from otklik.outreach.models import ConsentPurpose, Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    """The demo inbox (loaded with the rest of the demo for the whole session)."""


@pytest.fixture
def podolsk(db):
    return Unit.objects.get(code="podolsk")


@pytest.fixture
def khimki(db):
    return Unit.objects.get(code="khimki")


def _item(centre, **kwargs) -> FeedbackItem:
    defaults = {
        "region_id": centre.region_id,
        "centre": centre,
        "channel": FeedbackChannel.COMPLAINT_BOOK,
        "text": "Долго ждал в очереди.",
    }
    return FeedbackItem.objects.create(**(defaults | kwargs))


def _touchpoint(centre) -> Touchpoint:
    """A touchpoint of a journey in use (active) of the centre, or any for other centres."""
    touchpoints = Touchpoint.objects.filter(stage__journey__centre=centre).order_by("pk")
    return touchpoints.filter(stage__journey__status="active").first() or touchpoints.first()


# --- Loader -----------------------------------------------------------------------------


def test_the_demo_inbox_loads_once_with_unlinked_and_linked_items(demo, podolsk, khimki):
    count = FeedbackItem.objects.count()
    load_demo()
    assert FeedbackItem.objects.count() == count
    podolsk_items = FeedbackItem.objects.filter(centre=podolsk).exclude(channel="wall")
    assert podolsk_items.filter(touchpoint__isnull=True).count() >= 2
    assert podolsk_items.filter(touchpoint__isnull=False).count() >= 3
    assert FeedbackItem.objects.filter(centre=khimki, touchpoint__isnull=True).exists()
    assert ReplyTemplate.objects.filter(is_thanks=True, centre__isnull=True).exists()


# --- Selectors --------------------------------------------------------------------------


def test_nobody_sees_items_outside_their_units(demo, users, podolsk, khimki):
    mine = inbox.inbox(users["specialist"])
    assert mine.filter(centre=podolsk).exists()
    assert not mine.filter(centre=khimki).exists()
    other = inbox.inbox(users["specialist2"])
    assert not other.filter(centre=podolsk).exists()
    assert other.filter(centre=khimki).exists()
    region_wide = inbox.inbox(users["regadmin"])
    assert (
        region_wide.filter(centre=podolsk).exists() and region_wide.filter(centre=khimki).exists()
    )
    # A filter naming another centre still shows nothing outside the scope.
    assert not inbox.inbox(users["specialist"], inbox.Filters(centre=khimki.pk)).exists()


def test_filters(demo, users, podolsk):
    user = users["specialist"]
    tp = _touchpoint(podolsk)
    linked = _item(podolsk, touchpoint=tp, rating=2, channel=FeedbackChannel.EMAIL)
    everything = inbox.inbox(user)
    unlinked = inbox.inbox(user, inbox.Filters(unlinked=True))
    assert unlinked.exists() and not unlinked.filter(touchpoint__isnull=False).exists()
    assert linked in inbox.inbox(user, inbox.Filters(touchpoint=tp.pk))
    assert linked in inbox.inbox(user, inbox.Filters(journey=tp.stage.journey_id))
    assert set(inbox.inbox(user, inbox.Filters(rating=2))) <= set(everything.filter(rating=2))
    assert linked in inbox.inbox(user, inbox.Filters(channel="email", status="new", rating=2))
    assert not inbox.inbox(user, inbox.Filters(rating=0)).filter(rating__isnull=False).exists()
    today = timezone.localdate(linked.received_at)  # the filter is in local days
    assert linked in inbox.inbox(user, inbox.Filters(date_from=today, date_to=today))
    assert linked not in inbox.inbox(user, inbox.Filters(date_to=today.replace(year=2000)))
    assert not inbox.inbox(user, inbox.Filters(mine=True)).exclude(assigned_to=user).exists()
    assert linked in inbox.inbox(user, inbox.Filters(query="очереди"))


def test_touchpoints_offered_for_linking_are_of_the_items_centre(demo, users, podolsk, khimki):
    item = _item(podolsk)
    offered = inbox.linkable_touchpoints(users["specialist"], item)
    assert offered.exists()
    assert not offered.exclude(stage__journey__centre=podolsk).filter(
        stage__journey__centre__isnull=False
    )
    khimki_tp = _touchpoint(khimki)
    assert khimki_tp is not None and khimki_tp not in offered


# --- Services ---------------------------------------------------------------------------


def test_link_assign_reply_close(demo, users, podolsk):
    user = users["specialist"]
    item = _item(podolsk)
    tp = _touchpoint(podolsk)
    inbox.do_link_touchpoint(item, tp, user)
    item.refresh_from_db()
    assert item.touchpoint == tp
    inbox.do_assign(item, user, user)
    item.refresh_from_db()
    assert item.assigned_to == user and item.status == FeedbackStatus.IN_WORK
    assert item.status_changed_by == user
    with pytest.raises(inbox.InboxError):
        inbox.do_change_status(item, FeedbackStatus.ANSWERED, user)
    reply = inbox.do_reply_personally(item, user, "  Спасибо, разобрались: добавили окно.  ")
    assert reply.text == "Спасибо, разобрались: добавили окно." and not reply.emailed
    item.refresh_from_db()
    assert item.status == FeedbackStatus.ANSWERED
    inbox.do_change_status(item, FeedbackStatus.CLOSED, user)
    item.refresh_from_db()
    assert item.status == FeedbackStatus.CLOSED and item.status_changed_by == user
    assert item.status_changed_at >= reply.sent_at


def test_closing_without_a_reply_needs_a_note(demo, users, podolsk):
    user = users["specialist"]
    item = _item(podolsk)
    with pytest.raises(inbox.InboxError):
        inbox.do_change_status(item, FeedbackStatus.CLOSED, user)
    inbox.do_change_status(
        item, FeedbackStatus.CLOSED, user, note="Анонимная запись, ответа ждать некому."
    )
    item.refresh_from_db()
    assert item.status == FeedbackStatus.CLOSED
    assert item.closing_note.startswith("Анонимная")


def test_linking_to_another_centres_touchpoint_is_refused(demo, users, podolsk, khimki):
    item = _item(podolsk)
    with pytest.raises(inbox.InboxError):
        inbox.do_link_touchpoint(item, _touchpoint(khimki), users["regadmin"])


def test_assign_only_to_staff_of_the_items_centre(demo, users, podolsk):
    item = _item(podolsk)
    with pytest.raises(inbox.InboxError):
        inbox.do_assign(item, users["specialist2"], users["director"])
    with pytest.raises(inbox.InboxError):
        inbox.do_assign(item, users["analyst"], users["director"])
    inbox.do_assign(item, users["teamlead"], users["director"])


def test_analysts_read_only(demo, users, podolsk):
    item = _item(podolsk)
    assert item in inbox.inbox(users["analyst"])
    with pytest.raises(PermissionDenied):
        inbox.do_reply_personally(item, users["analyst"], "Ответ")
    with pytest.raises(PermissionDenied):
        inbox.do_change_status(item, FeedbackStatus.CLOSED, users["analyst"], note="x")


def test_a_reply_is_emailed_only_with_consent_to_be_answered(
    demo, users, podolsk, django_capture_on_commit_callbacks
):
    user = users["specialist"]
    consented = Contact.objects.create(
        email="ivan@example.ru",
        purpose=ConsentPurpose.REPLY,
        consent_text_version="1",
        consented_at=timezone.now(),
    )
    item = _item(podolsk, contact=consented)
    with django_capture_on_commit_callbacks(execute=True):
        reply = inbox.do_reply_personally(item, user, "Иван, спасибо, разобрались.")
    assert reply.emailed
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ivan@example.ru"]
    assert "разобрались" in mail.outbox[0].body

    surveys_only = Contact.objects.create(
        email="petr@example.ru",
        purpose=ConsentPurpose.SURVEYS,
        consent_text_version="1",
        consented_at=consented.consented_at,
    )
    other = _item(podolsk, contact=surveys_only)
    with django_capture_on_commit_callbacks(execute=True):
        reply = inbox.do_reply_personally(other, user, "Спасибо.")
    assert not reply.emailed and len(mail.outbox) == 1


def test_thanks_use_the_template(demo, users, podolsk):
    item = _item(podolsk, channel=FeedbackChannel.EMAIL, rating=5)
    reply = inbox.do_thank(item, users["specialist"])
    template = ReplyTemplate.objects.get(is_thanks=True, centre__isnull=True)
    assert reply.is_thanks and reply.text == template.text
    centre_template = ReplyTemplate.objects.create(
        region_id=podolsk.region_id,
        centre=podolsk,
        title="Спасибо",
        text="Спасибо от Подольска!",
        is_thanks=True,
    )
    assert inbox.thanks_text(item) == centre_template.text


def test_public_reply_goes_through_the_wall_for_public_channels(demo, users, podolsk):
    item = _item(podolsk, channel=FeedbackChannel.REVIEW_SITE, rating=2)
    assert not inbox.can_reply_in_public(users["specialist"], item)
    with pytest.raises(PermissionDenied):
        inbox.do_reply_in_public(item, users["specialist"], "Ответ")
    inbox.do_reply_in_public(item, users["director"], "Спасибо, исправили таблички.")
    item.refresh_from_db()
    assert item.public_reply == "Спасибо, исправили таблички."
    assert item.status == FeedbackStatus.ANSWERED
    assert FeedbackReply.objects.filter(item=item, is_public=True).count() == 1
    letter = _item(podolsk, channel=FeedbackChannel.LETTER)
    with pytest.raises(inbox.InboxError):
        inbox.do_reply_in_public(letter, users["director"], "Ответ")


def test_bulk_actions_skip_what_cannot_be_done(demo, users, podolsk, khimki):
    user = users["specialist"]
    answered = _item(podolsk)
    inbox.do_reply_personally(answered, user, "Ответили по телефону.")
    fresh = _item(podolsk)
    foreign = _item(khimki)
    result = inbox.do_bulk("close", [answered.pk, fresh.pk, foreign.pk], user)
    assert result.done == 1 and [i.pk for i, _r in result.skipped] == [fresh.pk]
    answered.refresh_from_db()
    foreign.refresh_from_db()
    assert answered.status == FeedbackStatus.CLOSED and foreign.status == FeedbackStatus.NEW
    result = inbox.do_bulk("assign_me", [fresh.pk], user)
    fresh.refresh_from_db()
    assert result.done == 1 and fresh.assigned_to == user
    tp = _touchpoint(podolsk)
    result = inbox.do_bulk("link", [fresh.pk], user, touchpoint=tp)
    fresh.refresh_from_db()
    assert fresh.touchpoint == tp
    result = inbox.do_bulk("thank", [fresh.pk], user)
    assert fresh.replies.filter(is_thanks=True).exists()


def test_register_a_letter_keeps_contact_only_with_consent(demo, users, podolsk, khimki):
    user = users["specialist"]
    with pytest.raises(inbox.InboxError):
        inbox.do_register_item(
            user=user, centre=podolsk, channel="letter", text="Письмо", email="a@example.ru"
        )
    item = inbox.do_register_item(
        user=user,
        centre=podolsk,
        channel="letter",
        text="Письмо",
        email="A@Example.ru",
        consent=True,
        author_name="Анна Петрова",
    )
    assert item.contact.email == "a@example.ru" and item.author_name_public == "Анна"
    assert item.touchpoint is None and item.status == FeedbackStatus.NEW
    with pytest.raises(PermissionDenied):
        inbox.do_register_item(user=user, centre=khimki, channel="letter", text="Письмо")


# --- Pages ------------------------------------------------------------------------------


def test_the_inbox_page_lists_the_users_items_only(demo, client_for, podolsk, khimki):
    foreign = FeedbackItem.objects.filter(centre=khimki).exclude(channel="wall").first()
    client = client_for("specialist")
    response = client.get(reverse("inbox_list"))
    assert response.status_code == 200
    assert foreign.text[:30] not in response.content.decode()
    response = client.get(reverse("inbox_list"), {"unlinked": "on", "channel": "complaint_book"})
    page = response.content.decode()
    assert "Пришла к 10:00" in page and "Дозвонился" not in page
    assert client.get(reverse("inbox_item", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("inbox_reply", args=[foreign.pk]), {"text": "x"}).status_code == 404


def test_item_page_escapes_the_text_and_works_the_item(demo, client_for, users, podolsk):
    item = _item(podolsk, text="<script>alert(1)</script> Долго ждал")
    client = client_for("specialist")
    page = client.get(reverse("inbox_item", args=[item.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    tp = _touchpoint(podolsk)
    client.post(reverse("inbox_link", args=[item.pk]), {"touchpoint": tp.pk})
    client.post(reverse("inbox_reply", args=[item.pk]), {"text": "Спасибо, исправили."})
    client.post(reverse("inbox_status", args=[item.pk]), {"status": "closed", "note": ""})
    item.refresh_from_db()
    assert item.touchpoint == tp and item.status == FeedbackStatus.CLOSED
    page = client.get(reverse("inbox_item", args=[item.pk])).content.decode()
    assert "Спасибо, исправили." in page


def test_template_picker_prefills_the_reply(demo, client_for, podolsk):
    item = _item(podolsk)
    template = ReplyTemplate.objects.filter(is_thanks=False).first()
    page = client_for("specialist").get(
        reverse("inbox_item", args=[item.pk]), {"template": template.pk}
    )
    assert template.text[:40] in page.content.decode()


def test_analyst_gets_403_on_actions(demo, client_for, podolsk):
    item = _item(podolsk)
    client = client_for("analyst")
    assert client.get(reverse("inbox_item", args=[item.pk])).status_code == 200
    assert client.post(reverse("inbox_thank", args=[item.pk])).status_code == 403


def test_bulk_page_action(demo, client_for, podolsk):
    item = _item(podolsk)
    client = client_for("specialist")
    response = client.post(
        reverse("inbox_bulk"), {"action": "in_work", "items": [item.pk], "next": "//evil.example"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("inbox_list")
    item.refresh_from_db()
    assert item.status == FeedbackStatus.IN_WORK


def test_reply_templates_are_managed_by_directors(demo, client_for, users, podolsk):
    assert client_for("specialist").get(reverse("reply_template_create")).status_code == 403
    client = client_for("director")
    response = client.post(
        reverse("reply_template_create"),
        {
            "owner": podolsk.pk,
            "title": "Запись",
            "text": "Записаться можно на сайте.",
            "is_thanks": "",
        },
    )
    assert response.status_code == 302
    template = ReplyTemplate.objects.get(title="Запись")
    assert template.centre == podolsk
    assert template in inbox.templates_for(users["specialist"])
    assert template not in inbox.templates_for(users["specialist2"])


def test_register_page(demo, client_for, podolsk):
    client = client_for("specialist")
    assert client.get(reverse("inbox_register")).status_code == 200
    response = client.post(
        reverse("inbox_register"),
        {
            "centre": podolsk.pk,
            "channel": "complaint_book",
            "received_at": "2025-03-01T10:00",
            "text": "Запись в книге жалоб",
            "rating": "",
        },
    )
    assert response.status_code == 302
    assert FeedbackItem.objects.filter(text="Запись в книге жалоб", centre=podolsk).exists()


def test_a_failing_mail_server_does_not_lose_the_reply(
    demo, users, podolsk, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(inbox, "send_mail", broken)
    contact = Contact.objects.create(
        email="ivan@example.ru",
        purpose=ConsentPurpose.REPLY,
        consent_text_version="1",
        consented_at=timezone.now(),
    )
    item = _item(podolsk, contact=contact)
    with django_capture_on_commit_callbacks(execute=True):
        reply = inbox.do_reply_personally(item, users["specialist"], "Спасибо.")
    reply.refresh_from_db()
    assert not reply.emailed
    item.refresh_from_db()
    assert item.status == FeedbackStatus.ANSWERED
