"""The public survey page: answering, exactly-once storage, hostile input, abuse limits."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from otklik.feedback.abuse import started_token
from otklik.feedback.models import Answer, Response
from otklik.feedback.services import survey_for
from otklik.journeys.models import Touchpoint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    cache.clear()
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 0


@pytest.fixture
def touchpoint(main_journey):
    return Touchpoint.objects.filter(stage__journey=main_journey).order_by("pk").first()


@pytest.fixture
def url(touchpoint):
    return reverse("public_survey", args=[touchpoint.public_code])


def answers(touchpoint, **overrides):
    version = survey_for(touchpoint)
    values = {"ces": "4", "csat": "3", "nps": "9", "text": "Всё понятно, спасибо"}
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "started": started_token(),
        "channel": "qr",
        "website": "",
    }
    for question in version.questions:
        data[f"q_{question['key']}"] = values[question["type"]]
    data.update(overrides)
    return data


def question_field(touchpoint, kind):
    version = survey_for(touchpoint)
    return next(f"q_{q['key']}" for q in version.questions if q["type"] == kind)


def test_the_page_opens_without_login_and_loads_nothing_from_elsewhere(client, url):
    response = client.get(url + "?ch=qr")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Насколько легко вам было решить проблему" in html
    assert 'name="idempotency_key"' in html
    assert 'value="qr"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_opening_the_page_stores_nothing(client, url):
    before = Response.objects.count()
    client.get(url)
    client.get(url)
    assert Response.objects.count() == before


def test_an_answer_is_stored_once_with_typed_values(client, url, touchpoint):
    data = answers(touchpoint)
    response = client.post(url, data)
    assert response.status_code == 302
    thanks = reverse("public_thanks", args=[touchpoint.public_code])
    assert response["Location"] == f"{thanks}?r={data['idempotency_key']}"
    stored = Response.objects.get(idempotency_key=data["idempotency_key"])
    assert (stored.touchpoint, stored.channel, stored.status) == (touchpoint, "qr", "accepted")
    assert stored.centre == touchpoint.stage.journey.centre
    assert stored.survey_version == survey_for(touchpoint)
    scores = dict(Answer.objects.filter(response=stored).values_list("type", "score"))
    assert scores == {"ces": 4, "csat": 3, "nps": 9, "text": None}
    ces = Answer.objects.get(response=stored, type="ces")
    assert ces.scale_points == 5

    again = client.post(url, data, HTTP_ACCEPT="application/json")
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert Response.objects.filter(idempotency_key=data["idempotency_key"]).count() == 1


def test_the_script_gets_json(client, url, touchpoint):
    response = client.post(url, answers(touchpoint), HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "saved"
    assert "/thanks/?r=" in body["thanks"]


def test_a_missing_required_answer_is_shown_and_nothing_is_stored(client, url, touchpoint):
    before = Response.objects.count()
    data = answers(touchpoint, **{question_field(touchpoint, "ces"): ""})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Обязательное поле" in response.content.decode()
    assert Response.objects.count() == before
    as_json = client.post(url, data, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 400
    assert as_json.json()["status"] == "invalid"


@pytest.mark.parametrize(
    ("kind", "value"),
    [("nps", "11"), ("nps", "-1"), ("ces", "6"), ("csat", "0"), ("nps", "1; DROP TABLE x")],
)
def test_values_off_the_scale_are_refused(client, url, touchpoint, kind, value):
    before = Response.objects.count()
    response = client.post(url, answers(touchpoint, **{question_field(touchpoint, kind): value}))
    assert response.status_code == 400
    assert Response.objects.count() == before


def test_markup_and_sql_are_stored_as_text_and_shown_escaped(client, url, touchpoint):
    text = "<script>alert(1)</script> '; DROP TABLE feedback_response; --"
    data = answers(touchpoint, **{question_field(touchpoint, "text"): text})
    assert client.post(url, data).status_code == 302
    stored = Answer.objects.get(response__idempotency_key=data["idempotency_key"], type="text")
    assert stored.text == text
    # Sent back on a page with an error, the text comes back escaped.
    bad = dict(data, idempotency_key=str(uuid.uuid4()), **{question_field(touchpoint, "ces"): ""})
    html = client.post(url, bad).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_oversized_and_malformed_input_gets_a_clear_error_never_a_500(client, url, touchpoint):
    huge = answers(touchpoint, **{question_field(touchpoint, "text"): "я" * 1_000_000})
    assert client.post(url, huge).status_code == 413
    assert client.post(url, answers(touchpoint, idempotency_key="not-a-uuid")).status_code == 400
    assert client.post(url, answers(touchpoint, idempotency_key="")).status_code == 400
    body = b"idempotency_key=" + str(uuid.uuid4()).encode() + b"&q_x=\xff\xfe\xfa"
    response = client.generic("POST", url, body, "application/x-www-form-urlencoded")
    assert response.status_code in (302, 400)
    long_text = answers(touchpoint, **{question_field(touchpoint, "text"): "а" * 2001})
    assert client.post(url, long_text).status_code == 400


def test_unknown_links_are_404(client):
    assert client.get(reverse("public_survey", args=["no-such-code"])).status_code == 404
    assert client.post("/s/..%2F..%2Fadmin/", {}).status_code == 404
    assert client.get("/s/%27%20OR%201=1--/").status_code == 404


def test_bots_are_flagged_not_dropped(client, url, touchpoint, settings):
    settings.OTKLIK_SURVEY_MIN_FILL_SECONDS = 3
    cases = {
        "honeypot": answers(touchpoint, website="http://spam.example"),
        "too_fast": answers(touchpoint),  # sent at once after the page was shown
        "no_start_time": answers(touchpoint, started="forged"),
    }
    for reason, data in cases.items():
        assert client.post(url, data).status_code == 302
        stored = Response.objects.get(idempotency_key=data["idempotency_key"])
        assert stored.status == "flagged"
        assert reason in stored.flags


def test_rate_limits_per_address_and_per_link(client, url, touchpoint, settings):
    settings.OTKLIK_RATE_PER_ADDRESS = "3/m"
    for _ in range(3):
        assert client.post(url, answers(touchpoint)).status_code == 302
    limited = client.post(url, answers(touchpoint), HTTP_ACCEPT="application/json")
    assert limited.status_code == 429
    assert "минуту" in limited.json()["message"]

    cache.clear()
    settings.OTKLIK_RATE_PER_ADDRESS = "100/m"
    settings.OTKLIK_RATE_PER_LINK = "2/m"
    for address in ("10.0.0.1", "10.0.0.2"):
        assert client.post(url, answers(touchpoint), REMOTE_ADDR=address).status_code == 302
    assert client.post(url, answers(touchpoint), REMOTE_ADDR="10.0.0.3").status_code == 429


def test_the_kiosk_starts_over_by_itself(client, url, touchpoint):
    response = client.post(url + "?ch=kiosk", answers(touchpoint, channel="kiosk"))
    assert response["Location"].endswith("?ch=kiosk")
    stored = Response.objects.order_by("-pk").first()
    assert stored.channel == "kiosk"
    thanks = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in thanks
    assert f"{url}?ch=kiosk" in thanks


def test_an_unknown_channel_is_recorded_as_web(client, url, touchpoint):
    data = answers(touchpoint, channel="sms")  # invitations carry their channel in a signed link
    client.post(url, data)
    assert Response.objects.get(idempotency_key=data["idempotency_key"]).channel == "web"


def test_a_touchpoint_without_a_published_survey_has_no_page(client, main_journey):
    other = Touchpoint.objects.exclude(stage__journey=main_journey).first()
    assert client.get(reverse("public_survey", args=[other.public_code])).status_code == 404


def test_the_thanks_page_shows_what_changed_and_offers_a_contact(client, url, touchpoint):
    response = client.post(url, answers(touchpoint))
    thanks = client.get(response["Location"]).content.decode()
    assert "Вы сказали — мы сделали" in thanks
    assert "/s/contact/" in thanks  # the optional, consented contact step
    kiosk = client.post(url + "?ch=kiosk", answers(touchpoint, channel="kiosk"))
    kiosk_thanks = client.get(kiosk["Location"]).content.decode()
    assert "Вы сказали — мы сделали" in kiosk_thanks
    assert "/s/contact/" not in kiosk_thanks
