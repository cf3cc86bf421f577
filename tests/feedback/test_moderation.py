"""Staff side of the public wall: the moderation queue, publishing, declining, public
replies, and «you said — we did» notices — each with who may do it."""

import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

import otklik.feedback.audit_wall  # noqa: F401  (registers the models with the audit log)
from otklik.feedback.models import ChangeNotice, FeedbackItem
from otklik.feedback.wall import do_moderate, do_post_review
from otklik.org.models import Unit

# The project's URLs plus the wall's, whether or not the project includes them yet.

pytestmark = pytest.mark.django_db

EDITORS = ["director", "regadmin"]
READERS = ["specialist", "teamlead", "analyst"]


@pytest.fixture
def centre():
    return Unit.objects.get(code="podolsk")


@pytest.fixture
def other_centre():
    return Unit.objects.get(code="khimki")


@pytest.fixture
def english(client_for):
    def login(username):
        client = client_for(username)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return login


def review(centre, text="Долго ждала в очереди. Звоните 8 916 123-45-67", **kwargs):
    return do_post_review(
        centre=centre, text=text, idempotency_key=uuid.uuid4(), rating=2, **kwargs
    ).item


def url(name, item):
    return reverse(name, args=[item.pk])


# --- Who sees what ----------------------------------------------------------------------


def test_staff_pages_need_a_login(client, centre):
    item = review(centre)
    for target in (reverse("moderation_queue"), url("moderation_item", item)):
        response = client.get(target)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url("moderation_approve", item)).status_code == 302
    assert FeedbackItem.objects.get(pk=item.pk).publication == "pending"


@pytest.mark.parametrize("username", EDITORS + READERS)
def test_everyone_in_the_centre_or_region_sees_its_queue(client_for, centre, username):
    item = review(centre, "Отзыв для очереди модерации")
    client = client_for(username)
    html = client.get(reverse("moderation_queue")).content.decode()
    assert "Отзыв для очереди модерации" in html
    assert client.get(url("moderation_item", item)).status_code == 200


def test_another_centres_reviews_do_not_exist_for_its_staff(client_for, centre, other_centre):
    item = review(centre, "Отзыв о Подольске")
    client = client_for("specialist2")
    assert "Отзыв о Подольске" not in client.get(reverse("moderation_queue")).content.decode()
    assert client.get(url("moderation_item", item)).status_code == 404
    for action in ("moderation_approve", "moderation_reject", "moderation_reply"):
        assert client.post(url(action, item), {"reason": "spam"}).status_code == 404
    own = review(other_centre, "Отзыв о Химках")
    assert client.get(url("moderation_item", own)).status_code == 200
    assert client_for("director").get(url("moderation_item", own)).status_code == 404


@pytest.mark.parametrize("username", READERS)
def test_readers_see_no_forms_and_may_not_act(english, centre, username):
    item = review(centre)
    client = english(username)
    html = client.get(url("moderation_item", item)).content.decode()
    assert f"moderation/{item.pk}/approve/" not in html
    assert "The centre's director and the regional administrator publish" in html
    assert client.post(url("moderation_approve", item), {"public_text": "x"}).status_code == 403
    assert client.post(url("moderation_reject", item), {"reason": "spam"}).status_code == 403
    assert client.post(url("moderation_reply", item), {"reply": "Ответ"}).status_code == 403
    item.refresh_from_db()
    assert (item.publication, item.public_reply) == ("pending", "")


def test_actions_are_post_only(client_for, centre):
    item = review(centre)
    client = client_for("director")
    for action in ("moderation_approve", "moderation_reject", "moderation_reply"):
        assert client.get(url(action, item)).status_code == 405


def test_the_queue_filters_by_state_and_centre(client_for, centre, other_centre, users):
    pending = review(centre, "Ждёт проверки")
    done = do_moderate(review(centre, "Уже опубликован"), users["director"], publish=True)
    elsewhere = review(other_centre, "Из Химок")
    client = client_for("regadmin")
    html = client.get(reverse("moderation_queue")).content.decode()
    assert "Ждёт проверки" in html and "Из Химок" in html and "Уже опубликован" not in html
    html = client.get(reverse("moderation_queue"), {"state": "published"}).content.decode()
    assert "Уже опубликован" in html and "Ждёт проверки" not in html
    html = client.get(reverse("moderation_queue"), {"centre": centre.pk}).content.decode()
    assert "Ждёт проверки" in html and "Из Химок" not in html
    for junk in ({"state": "<x>"}, {"centre": "abc"}, {"page": "999"}):
        assert client.get(reverse("moderation_queue"), junk).status_code == 200
    assert pending.pk and done.pk and elsewhere.pk


# --- Publishing, declining, replying ----------------------------------------------------


def test_the_moderator_is_offered_the_masked_text(english, centre):
    item = review(centre, "Иванова нагрубила. Звоните 8 916 123-45-67, пишите a@b.ru")
    html = english("director").get(url("moderation_item", item)).content.decode()
    assert "[number hidden]" in html and "[e-mail hidden]" in html
    assert "Hidden automatically:" in html
    assert "they may be surnames: Иванова" in html
    # The original is there for staff, in its own section.
    assert "8 916 123-45-67" in html


@pytest.mark.parametrize("username", EDITORS)
def test_editors_publish_with_an_edit_and_the_wall_shows_it(client_for, centre, username):
    item = review(centre)
    client = client_for(username)
    response = client.post(
        url("moderation_approve", item),
        {"public_text": "Долго ждала в очереди. Телефон 8 916 123-45-67", "author_name": "Вера"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.publication == "published" and item.moderated_by.username == username
    assert "123-45-67" not in item.public_text and item.author_name_public == "Вера"
    wall = client.get(reverse("public_wall", args=[centre.code])).content.decode()
    assert "Долго ждала в очереди" in wall and "123-45-67" not in wall


def test_publishing_an_empty_text_is_refused(client_for, centre):
    item = review(centre)
    response = client_for("director").post(url("moderation_approve", item), {"public_text": ""})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.publication == "pending"


def test_declining_needs_a_known_reason(client_for, centre):
    item = review(centre)
    client = client_for("director")
    assert client.post(url("moderation_reject", item), {"reason": "negative"}).status_code == 400
    assert client.post(url("moderation_reject", item), {}).status_code == 400
    response = client.post(url("moderation_reject", item), {"reason": "abuse", "note": "мат"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.publication, item.rejection_reason, item.status) == ("rejected", "abuse", "new")
    wall = client.get(reverse("public_wall", args=[centre.code])).content.decode()
    assert "Долго ждала в очереди" not in wall


def test_a_published_review_can_be_withdrawn_and_a_declined_one_published(client_for, centre):
    item = review(centre)
    client = client_for("director")
    client.post(url("moderation_approve", item), {"public_text": "Текст"})
    client.post(url("moderation_reject", item), {"reason": "personal_data"})
    item.refresh_from_db()
    assert item.publication == "rejected"
    client.post(url("moderation_approve", item), {"public_text": "Исправленный текст"})
    item.refresh_from_db()
    assert (item.publication, item.public_text, item.rejection_reason) == (
        "published",
        "Исправленный текст",
        "",
    )


@pytest.mark.parametrize("username", EDITORS)
def test_editors_reply_in_public(client_for, centre, users, username):
    item = do_moderate(review(centre), users["director"], publish=True)
    client = client_for(username)
    assert client.post(url("moderation_reply", item), {"reply": ""}).status_code == 400
    response = client.post(url("moderation_reply", item), {"reply": "Спасибо, разобрались!"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.public_reply, item.status, item.replied_by.username) == (
        "Спасибо, разобрались!",
        "answered",
        username,
    )
    wall = client.get(reverse("public_wall", args=[centre.code])).content.decode()
    assert "Спасибо, разобрались!" in wall


def test_a_declined_review_gets_no_public_reply(client_for, centre, users):
    item = do_moderate(review(centre), users["director"], publish=False, reason="spam")
    client = client_for("director")
    response = client.post(url("moderation_reply", item), {"reply": "Ответ"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.public_reply == ""


def test_staff_pages_escape_what_citizens_wrote(client_for, centre):
    item = review(centre, "<script>alert(1)</script>")
    client = client_for("director")
    for target in (reverse("moderation_queue"), url("moderation_item", item)):
        html = client.get(target).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


# --- «You said — we did» ----------------------------------------------------------------


def notice_data(unit, **overrides):
    data = {
        "owner": unit.pk,
        "said": "Негде присесть в зале ожидания",
        "did": "Поставили в зале ожидания двенадцать кресел",
        "done_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_director_creates_and_publishes_a_notice_for_the_wall(client_for, centre):
    client = client_for("director")
    assert client.get(reverse("change_create")).status_code == 200
    response = client.post(reverse("change_create"), notice_data(centre))
    assert response.status_code == 302
    notice = ChangeNotice.objects.get(did="Поставили в зале ожидания двенадцать кресел")
    assert (notice.centre, notice.region, notice.is_published) == (centre, centre.region, False)
    wall_url = reverse("public_wall", args=[centre.code])
    assert "двенадцать кресел" not in client.get(wall_url).content.decode()
    client.post(reverse("change_publish", args=[notice.pk]), {"publish": "1"})
    notice.refresh_from_db()
    assert notice.is_published and notice.published_at is not None
    assert "двенадцать кресел" in client.get(wall_url).content.decode()
    assert "двенадцать кресел" in client.get(reverse("change_list")).content.decode()
    client.post(reverse("change_publish", args=[notice.pk]), {"publish": "0"})
    assert "двенадцать кресел" not in client.get(wall_url).content.decode()


def test_a_notice_is_checked(client_for, centre, other_centre):
    client = client_for("director")
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    for bad in (
        {"done_on": future},
        {"said": "  "},
        {"did": "x" * 2001},
        {"owner": other_centre.pk},  # not the director's centre
        {"owner": centre.region.pk},  # the region is the regional administrator's
    ):
        before = ChangeNotice.objects.count()
        assert client.post(reverse("change_create"), notice_data(centre, **bad)).status_code == 400
        assert ChangeNotice.objects.count() == before


@pytest.mark.parametrize("username", READERS)
def test_readers_may_not_create_or_change_notices(client_for, centre, username):
    notice = ChangeNotice.objects.create(
        region=centre.region, centre=centre, said="a", did="b", done_on=timezone.localdate()
    )
    client = client_for(username)
    assert client.get(reverse("change_list")).status_code == 200
    assert client.get(reverse("change_create")).status_code == 403
    assert client.post(reverse("change_create"), notice_data(centre)).status_code == 403
    assert client.get(reverse("change_edit", args=[notice.pk])).status_code == 403
    assert (
        client.post(reverse("change_publish", args=[notice.pk]), {"publish": "1"}).status_code
        == 403
    )
    notice.refresh_from_db()
    assert not notice.is_published


def test_notices_follow_the_units(client_for, centre, other_centre):
    mine = ChangeNotice.objects.create(
        region=centre.region,
        centre=centre,
        said="a",
        did="подольское",
        done_on=timezone.localdate(),
    )
    regional = ChangeNotice.objects.create(
        region=centre.region, said="a", did="областное", done_on=timezone.localdate()
    )
    other = client_for("specialist2")
    assert other.get(reverse("change_edit", args=[mine.pk])).status_code == 404
    assert "подольское" not in other.get(reverse("change_list")).content.decode()
    director = client_for("director")
    assert "областное" in director.get(reverse("change_list")).content.decode()
    assert director.get(reverse("change_edit", args=[regional.pk])).status_code == 403
    regadmin = client_for("regadmin")
    response = regadmin.post(
        reverse("change_edit", args=[regional.pk]),
        notice_data(centre.region, did="областное, исправлено", is_published="on"),
    )
    assert response.status_code == 302
    regional.refresh_from_db()
    assert regional.did == "областное, исправлено" and regional.is_published
    assert regional.centre is None and regional.published_at is not None
    assert other_centre.pk
