"""The public feedback wall: posting, pre-moderation, masking, replies, hostile input,
«you said — we did» on the wall and on the thank-you page."""

import re
import uuid
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

import otklik.feedback.audit_wall  # noqa: F401  (registers the models with the audit log)
from otklik.demo.loader import Summary
from otklik.demo.wall_content import WALL
from otklik.demo.wall_loader import load_wall
from otklik.feedback.abuse import started_token
from otklik.feedback.choices import FeedbackChannel, FeedbackStatus, Publication
from otklik.feedback.models import ChangeNotice, FeedbackItem
from otklik.feedback.notices import recent_changes
from otklik.feedback.wall import (
    WallError,
    clean_text,
    do_moderate,
    do_post_review,
    do_reply,
    mask_personal_data,
    possible_surnames,
    public_first_name,
)
from otklik.org.models import Unit

# The project's URLs plus the wall's, whether or not the project includes them yet.


# --- Pure rules (no database) -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Позвоните: +7 (916) 123-45-67",
        "мой номер 89161234567",
        "тел. 8 916 123 45 67, спасибо",
        "домашний 123-45-67",
        "тел89161234567",
        "СНИЛС 123-456-789 01",
    ],
)
def test_phone_and_other_long_numbers_are_masked(text):
    masked = mask_personal_data(text)
    assert not re.search(r"\d", masked.text), masked.text
    assert "number" in masked.found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("пишите ivan.petrov@mail.ru", "email"),
        ("или иван@почта.рф", "email"),
        ("страница https://vk.com/id123", "link"),
        ("страница vk.com/ivan", "link"),
        ("телеграм @ivan_petrov", "account"),
    ],
)
def test_emails_links_and_accounts_are_masked(text, kind):
    masked = mask_personal_data(text)
    assert kind in masked.found
    assert "ivan" not in masked.text and "иван@" not in masked.text and "id123" not in masked.text


def test_ordinary_numbers_dates_and_punctuation_are_kept():
    text = (
        "Была 12.03.2025 в 10:30, окно 5, кабинет 214, ждала 40 минут. Пособие 1 000 000 руб. "
        "В 2023–2024 годах. Сайт: vk.com/czn, а потом всё."
    )
    masked = mask_personal_data(text)
    assert masked.text.startswith(
        "Была 12.03.2025 в 10:30, окно 5, кабинет 214, ждала 40 минут. Пособие 1 000 000 руб. "
        "В 2023–2024 годах."
    )
    assert masked.text.endswith(", а потом всё.")
    assert masked.found == ("link",)


def test_hostile_texts_are_masked_quickly():
    import time

    for text in ["a" * 5000, "1 " * 2500, "1-" * 2500, "a." * 2500, "@" * 5000, "(1" * 2500]:
        started = time.monotonic()
        mask_personal_data(text)
        possible_surnames(text)
        assert time.monotonic() - started < 0.5


def test_possible_surnames_are_pointed_out():
    assert possible_surnames("Специалист Иванова нагрубила, а Петров помог. Один раз.") == [
        "Иванова",
        "Петров",
    ]
    assert possible_surnames("Анна всё объяснила в Подольске") == []


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("Иван Петров", "Иван"),
        ("  анна-мария ", "Анна-мария"),
        ("Ольга,", "Ольга"),
        ("ivan@mail.ru", ""),
        ("Иван 89161234567", ""),
        ("<script>alert(1)</script>", ""),
        ("", ""),
    ],
)
def test_only_a_first_name_is_ever_shown(given, shown):
    assert public_first_name(given) == shown


def test_control_and_bidi_characters_are_removed():
    assert clean_text("\u202eabc\x00\x07 de\r\nf ") == "abc de\nf"


# --- The public page -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def centre(db):
    return Unit.objects.get(code="podolsk")


@pytest.fixture
def other_centre(db):
    return Unit.objects.get(code="khimki")


@pytest.fixture
def url(centre):
    return reverse("public_wall", args=[centre.code])


def form(**overrides):
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "started": started_token(),
        "website": "",
        "text": "Очень помогли с резюме, спасибо!",
        "rating": "5",
        "name": "Анна",
    }
    data.update(overrides)
    return data


def review(centre, text="Хороший центр", **kwargs):
    return do_post_review(centre=centre, text=text, idempotency_key=uuid.uuid4(), **kwargs).item


def published(centre, user, text="Хороший центр", **kwargs):
    return do_moderate(review(centre, text, **kwargs), user, publish=True)


@pytest.mark.django_db
class TestThePage:
    def test_it_opens_without_login_and_loads_nothing_from_elsewhere(self, client, url, centre):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert centre.name in html
        assert 'name="idempotency_key"' in html and 'name="website"' in html
        assert not re.search(r'(src|href|action)="(https?:)?//', html)
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        assert "public.css" in html

    def test_it_says_personal_data_are_not_published(self, english, url):
        html = english.get(url).content.decode()
        assert "Personal data are never published" in html
        assert "Do not write surnames, phone numbers" in html

    def test_unknown_and_non_centre_codes_are_404(self, client, centre):
        assert client.get("/wall/no-such-centre/").status_code == 404
        assert client.get(reverse("public_wall", args=[centre.region.code])).status_code == 404
        assert client.get("/wall/../admin/").status_code == 404
        assert client.put(reverse("public_wall", args=[centre.code])).status_code == 405
        assert client.post(reverse("public_wall_sent", args=[centre.code])).status_code == 405
        Unit.objects.filter(pk=centre.pk).update(is_active=False)
        assert client.get(reverse("public_wall", args=[centre.code])).status_code == 404

    def test_a_posted_review_waits_for_moderation_and_is_not_shown(self, client, url, centre):
        data = form(text="Уникальный отзыв о записи на приём")
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"] == reverse("public_wall_sent", args=[centre.code])
        item = FeedbackItem.objects.get(idempotency_key=data["idempotency_key"])
        assert (item.channel, item.status, item.publication) == (
            FeedbackChannel.WALL,
            FeedbackStatus.NEW,
            Publication.PENDING,
        )
        assert (item.centre, item.region, item.rating, item.author_name_public) == (
            centre,
            centre.region,
            5,
            "Анна",
        )
        assert item.touchpoint is None and item.flags == []
        assert "Уникальный отзыв" not in client.get(url).content.decode()
        assert client.get(response["Location"]).status_code == 200

    def test_the_sent_page_says_what_happens_next(self, english, centre):
        html = english.get(reverse("public_wall_sent", args=[centre.code])).content.decode()
        assert "will appear after a moderator checks it" in html

    def test_a_repeated_post_is_stored_once(self, client, url):
        data = form()
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302
        again = client.post(url, data, HTTP_ACCEPT="application/json")
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        assert FeedbackItem.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1

    def test_the_script_gets_json(self, client, url):
        response = client.post(url, form(), HTTP_ACCEPT="application/json")
        assert response.status_code == 201 and response.json()["status"] == "saved"
        invalid = client.post(url, form(text=""), HTTP_ACCEPT="application/json")
        assert invalid.status_code == 400 and "text" in invalid.json()["errors"]

    def test_rating_and_name_are_optional(self, client, url):
        data = form(rating="", name="")
        assert client.post(url, data).status_code == 302
        item = FeedbackItem.objects.get(idempotency_key=data["idempotency_key"])
        assert item.rating is None and item.author_name_public == ""

    def test_a_surname_given_as_the_name_is_dropped(self, client, url):
        data = form(name="Иван Петров")
        client.post(url, data)
        item = FeedbackItem.objects.get(idempotency_key=data["idempotency_key"])
        assert item.author_name_public == "Иван"

    @pytest.mark.parametrize(
        "overrides",
        [
            {"text": ""},
            {"text": "   "},
            {"text": "я" * 5001},
            {"rating": "6"},
            {"rating": "0"},
            {"rating": "5; DROP TABLE feedback_feedbackitem"},
            {"name": "x" * 200},
            {"text": "нулевой\x00символ"},
        ],
    )
    def test_bad_fields_are_refused_with_the_form_and_nothing_is_stored(
        self, client, url, overrides
    ):
        before = FeedbackItem.objects.count()
        response = client.post(url, form(**overrides))
        assert response.status_code == 400
        assert 'role="alert"' in response.content.decode()
        assert FeedbackItem.objects.count() == before

    def test_markup_and_sql_are_stored_as_text_and_always_shown_escaped(
        self, client, url, centre, users
    ):
        text = "<script>alert(1)</script><img src=x onerror=alert(2)> '; DROP TABLE x; --"
        data = form(text=text, name="<b>Ann</b>")
        assert client.post(url, data).status_code == 302
        item = FeedbackItem.objects.get(idempotency_key=data["idempotency_key"])
        assert item.text == text and item.author_name_public == ""
        # Sent back with an error, the text comes back escaped.
        bad = form(text=text, rating="9")
        html = client.post(url, bad).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
        # Published, it is shown escaped too; so is the reply.
        do_moderate(item, users["director"], publish=True)
        do_reply(item, users["director"], "<i>Спасибо</i>")
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;i&gt;Спасибо&lt;/i&gt;" in html

    def test_oversized_and_malformed_bodies_get_a_clear_error_never_a_500(self, client, url):
        before = FeedbackItem.objects.count()
        assert client.post(url, form(text="я" * 1_000_000)).status_code == 413
        assert client.post(url, form(idempotency_key="not-a-uuid")).status_code == 400
        assert client.post(url, form(idempotency_key="")).status_code == 400
        assert client.post(url, {}).status_code == 400
        assert FeedbackItem.objects.count() == before
        key = str(uuid.uuid4())
        body = (
            b"idempotency_key="
            + key.encode()
            + b"&started="
            + started_token().encode()
            + b"&text=%FF%FE+\xff\xfe\xfa+bytes"
        )
        response = client.generic("POST", url, body, "application/x-www-form-urlencoded")
        assert response.status_code in (302, 400)
        stored = FeedbackItem.objects.filter(idempotency_key=key).first()
        if stored is not None:
            assert stored.publication == Publication.PENDING
            stored.text.encode("utf-8")  # valid text, whatever the bytes were
        multipart = client.post(url, form(text=["один", "два"]))
        assert multipart.status_code in (302, 400)

    def test_bots_are_flagged_and_never_published_by_themselves(self, client, url, settings):
        settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 3
        cases = {
            "honeypot": form(website="http://spam.example"),
            "too_fast": form(),
            "no_start_time": form(started="forged"),
            "link": form(text="Лучшие кредиты тут: https://spam.example/x", started="forged"),
        }
        for reason, data in cases.items():
            assert client.post(url, data).status_code == 302
            item = FeedbackItem.objects.get(idempotency_key=data["idempotency_key"])
            assert reason in item.flags
            assert item.publication == Publication.PENDING
        assert "spam.example" not in client.get(url).content.decode()

    def test_posting_is_rate_limited_per_address_and_per_centre(self, client, url, settings):
        settings.OTKLIK_RATE_PER_ADDRESS = "2/m"
        for _ in range(2):
            assert client.post(url, form()).status_code == 302
        limited = client.post(url, form(), HTTP_ACCEPT="application/json")
        assert limited.status_code == 429 and limited.json()["status"] == "error"
        cache.clear()
        settings.OTKLIK_RATE_PER_ADDRESS = "100/m"
        settings.OTKLIK_RATE_PER_LINK = "2/m"
        for address in ("10.0.0.1", "10.0.0.2"):
            assert client.post(url, form(), REMOTE_ADDR=address).status_code == 302
        assert client.post(url, form(), REMOTE_ADDR="10.0.0.3").status_code == 429

    def test_a_published_review_shows_masked_text_rating_name_date_and_reply(
        self, english, url, centre, users
    ):
        item = review(
            centre,
            "Звоните мне 8 916 123-45-67 или пишите anna@example.ru — помогли с работой",
            rating=4,
            author_name="Анна",
        )
        html = english.get(url).content.decode()
        assert "помогли с работой" not in html
        do_moderate(item, users["director"], publish=True)
        do_reply(item, users["director"], "Анна, спасибо! Рады, что помогли.")
        html = english.get(url).content.decode()
        assert "помогли с работой" in html
        assert "123-45-67" not in html and "anna@example.ru" not in html
        assert "[number hidden]" in html and "[e-mail hidden]" in html
        assert "Rating: 4 of 5" in html and "★★★★☆" in html
        assert "Анна" in html
        assert "Анна, спасибо! Рады, что помогли." in html
        assert f"Reply from {centre.name}" in html
        assert timezone.localtime(item.received_at).strftime("%Y") in html

    def test_dates_are_russian(self, client, url, centre, users):
        item = published(centre, users["director"], "Отзыв с датой")
        FeedbackItem.objects.filter(pk=item.pk).update(
            received_at=timezone.make_aware(datetime(2025, 3, 12, 12, 0))
        )
        assert "12 марта 2025" in client.get(url).content.decode()

    def test_a_declined_review_is_never_shown(self, client, url, centre, users):
        item = review(centre, "Отзыв, который не опубликуют")
        do_moderate(item, users["director"], publish=False, reason="abuse")
        assert "не опубликуют" not in client.get(url).content.decode()
        # Published and then withdrawn: gone from the wall as well.
        item = published(centre, users["director"], "Отзыв, который снимут")
        assert "который снимут" in client.get(url).content.decode()
        do_moderate(item, users["director"], publish=False, reason="personal_data")
        assert "который снимут" not in client.get(url).content.decode()

    def test_a_wall_shows_only_its_own_centre(self, client, url, other_centre, users):
        published(other_centre, users["regadmin"], "Отзыв о другом центре")
        assert "о другом центре" not in client.get(url).content.decode()
        other = reverse("public_wall", args=[other_centre.code])
        assert "о другом центре" in client.get(other).content.decode()

    def test_reviews_are_newest_first_and_paginated(self, client, url, centre, users):
        FeedbackItem.objects.filter(centre=centre).delete()
        now = timezone.now()
        for number in range(12):
            item = published(centre, users["director"], f"Отзыв номер {number:02d}")
            FeedbackItem.objects.filter(pk=item.pk).update(received_at=now - timedelta(days=number))
        first = client.get(url).content.decode()
        assert first.index("Отзыв номер 00") < first.index("Отзыв номер 09")
        assert "Отзыв номер 10" not in first
        second = client.get(url + "?page=2").content.decode()
        assert "Отзыв номер 10" in second and "Отзыв номер 11" in second
        for page in ("999", "x", "-1", "1%00"):
            assert client.get(url, {"page": page}).status_code == 200

    def test_the_wall_answers_in_a_few_queries(
        self, client, url, centre, users, django_assert_max_num_queries
    ):
        for number in range(10):
            item = published(centre, users["director"], f"Отзыв {number}")
            do_reply(item, users["director"], "Спасибо!")
        with django_assert_max_num_queries(6):
            client.get(url)


# --- Services --------------------------------------------------------------------------


@pytest.mark.django_db
class TestServices:
    def test_only_centres_have_walls(self, centre):
        with pytest.raises(ValueError):
            do_post_review(centre=centre.region, text="x", idempotency_key=uuid.uuid4())

    def test_the_moderators_edit_is_masked_again(self, centre, users):
        item = review(centre, "Текст")
        do_moderate(
            item,
            users["director"],
            publish=True,
            public_text="Исправленный текст, звоните 8-916-123-45-67",
            author_name="Мария Сидорова",
        )
        item.refresh_from_db()
        assert "123-45-67" not in item.public_text and "Исправленный текст" in item.public_text
        assert item.author_name_public == "Мария"
        assert item.text == "Текст"  # the original stays for staff
        assert (item.moderated_by, item.publication) == (users["director"], "published")

    def test_declining_needs_a_reason_and_keeps_the_item_to_handle(self, centre, users):
        item = review(centre)
        with pytest.raises(WallError):
            do_moderate(item, users["director"], publish=False, reason="negative")
        do_moderate(item, users["director"], publish=False, reason="spam", note="реклама")
        item.refresh_from_db()
        assert (item.publication, item.rejection_reason, item.moderation_note) == (
            "rejected",
            "spam",
            "реклама",
        )
        assert item.status == FeedbackStatus.NEW  # still to be handled

    def test_a_reply_answers_the_item(self, centre, users):
        item = review(centre)
        do_reply(item, users["director"], "  Спасибо за отзыв!  ")
        item.refresh_from_db()
        assert item.public_reply == "Спасибо за отзыв!"
        assert (item.status, item.status_changed_by) == ("answered", users["director"])
        assert item.replied_at is not None
        with pytest.raises(WallError):
            do_reply(item, users["director"], "   ")

    def test_no_public_reply_to_a_declined_or_private_item(self, centre, users):
        item = review(centre)
        do_moderate(item, users["director"], publish=False, reason="abuse")
        with pytest.raises(WallError):
            do_reply(item, users["director"], "Ответ")
        letter = FeedbackItem.objects.create(
            region=centre.region, centre=centre, channel=FeedbackChannel.LETTER, text="Письмо"
        )
        with pytest.raises(WallError):
            do_reply(letter, users["director"], "Ответ")
        with pytest.raises(WallError):
            do_moderate(letter, users["director"], publish=True)

    def test_changes_are_in_the_audit_log(self, centre, users):
        from auditlog.models import LogEntry

        item = review(centre, "Звоните 8 916 123-45-67")
        do_moderate(item, users["director"], publish=True)
        entries = LogEntry.objects.get_for_object(item)
        assert entries.count() == 2
        assert all("text" not in (entry.changes_dict or {}) for entry in entries)
        assert "123-45-67" not in str([entry.changes for entry in entries])


# --- «You said — we did» ----------------------------------------------------------------


def notice(region, centre=None, *, published=True, days_ago=1, did="Сделали"):
    return ChangeNotice.objects.create(
        region=region,
        centre=centre,
        said="Сказали",
        did=did,
        done_on=timezone.localdate() - timedelta(days=days_ago),
        is_published=published,
    )


@pytest.mark.django_db
class TestChanges:
    def test_recent_changes_of_a_centre_include_the_regions_newest_first(
        self, centre, other_centre
    ):
        ChangeNotice.objects.all().delete()
        region = centre.region
        own = notice(region, centre, days_ago=1, did="своё")
        regional = notice(region, days_ago=2, did="региональное")
        old = notice(region, centre, days_ago=30, did="старое")
        notice(region, centre, published=False, did="черновик")
        notice(region, other_centre, did="чужое")
        assert recent_changes(centre) == [own, regional, old]
        assert recent_changes(centre, limit=2) == [own, regional]
        assert len(recent_changes(region, limit=10)) == 4
        office = Unit.objects.filter(parent=centre).first()
        assert recent_changes(office) == [own, regional, old]
        assert recent_changes(None) == []

    def test_the_wall_shows_the_centres_published_changes(self, english, url, centre):
        notice(centre.region, centre, did="Поставили пандус у входа")
        notice(centre.region, centre, did="Тайный черновик", published=False)
        html = english.get(url).content.decode()
        assert "You said — we did" in html
        assert "Поставили пандус у входа" in html and "Тайный черновик" not in html

    def test_the_include_for_the_thank_you_page(self, centre):
        from django.template.loader import render_to_string

        notice(centre.region, centre, did="Продлили часы работы <b>до 20:00</b>")
        html = render_to_string(
            "public/_changes.html", {"changes": recent_changes(centre), "centre": centre}
        )
        assert "Продлили часы работы &lt;b&gt;до 20:00&lt;/b&gt;" in html
        assert reverse("public_wall", args=[centre.code]) in html
        assert render_to_string("public/_changes.html", {"changes": []}).strip() == ""


@pytest.mark.django_db
def test_the_demo_wall_loads_once_and_shows(client, centre, users):
    from otklik.demo.loader import _units

    FeedbackItem.objects.filter(centre=centre).delete()
    ChangeNotice.objects.filter(centre=centre).delete()
    region, centres = _units(Summary())
    load_wall(Summary(), region, centres, users)
    load_wall(Summary(), region, centres, users)
    items = FeedbackItem.objects.filter(centre=centre)
    assert items.filter(publication="published").count() == len(WALL["published"])
    assert items.filter(publication="pending").count() == len(WALL["pending"])
    assert ChangeNotice.objects.filter(centre=centre).count() == len(WALL["changes"])
    html = client.get(reverse("public_wall", args=[centre.code])).content.decode()
    for item in WALL["published"]:
        assert item["reply"] in html
    for item in WALL["changes"]:
        assert item["did"] in html
    assert WALL["pending"][0]["text"] not in html


@pytest.mark.django_db
def test_errors_are_announced_and_tied_to_their_fields(client, url):
    html = client.post(url, form(text="", name="x" * 200)).content.decode()
    assert 'role="alert"' in html
    assert 'aria-describedby="text-hint id_text_error"' in html
    assert 'id="id_text_error"' in html and 'aria-invalid="true"' in html
    assert 'aria-describedby="name-hint id_name_error"' in html and 'id="id_name_error"' in html
