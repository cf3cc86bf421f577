"""The review queue of suspicious answers: held out of the metrics until a person decides."""

import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from otklik.demo import content
from otklik.feedback.choices import ResponseStatus
from otklik.feedback.models import Response, Survey
from otklik.feedback.services import do_submit_response

# The project's URLs plus the builder's, whether or not the project includes them yet.

pytestmark = pytest.mark.django_db

QUEUE = "survey_review"


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def submit(flags, text="Всё хорошо", touchpoint=None, version=None):
    survey = Survey.objects.get(title=content.SURVEY["title"])
    version = version or survey.current_version
    questions = {q["type"]: q["key"] for q in version.questions}
    return do_submit_response(
        touchpoint=touchpoint or survey.touchpoints.first(),
        version=version,
        answers=[
            {"question_key": questions["nps"], "type": "nps", "score": 10},
            {"question_key": questions["text"], "type": "text", "text": text},
        ],
        channel="qr",
        idempotency_key=uuid.uuid4(),
        fill_seconds=1,
        flags=flags,
    ).response


def decide(client, response, decision):
    return client.post(reverse("survey_review_decide", args=[response.pk]), {"decision": decision})


def test_the_queue_lists_flagged_responses_with_reasons_and_answers(client_for, english):
    counted = submit([], text="Обычный ответ")
    held = submit(["honeypot", "too_fast"], text="<script>alert(1)</script>")
    older = submit(["no_start_time"], text="Раньше")
    Response.objects.filter(pk=older.pk).update(submitted_at=held.submitted_at.replace(year=2020))
    page = client_for("director").get(reverse(QUEUE))
    assert page.status_code == 200
    html = page.content.decode()
    assert "A hidden field was filled in (likely a bot)" in html
    assert "Answered faster than a person can" in html
    assert "The form&#x27;s start time is missing or forged" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "Обычный ответ" not in html
    assert counted.pk not in [r.pk for r in page.context["page"]]
    assert [r.pk for r in page.context["page"]][:2] == [held.pk, older.pk]  # newest first
    assert held.touchpoint.name in html
    assert "QR code" in html
    nps_question = content.SURVEY["questions"][2]["text"]
    assert nps_question in html


def test_accept_and_reject_record_the_reviewer(client_for, users):
    client = client_for("director")
    first, second = submit(["too_fast"]), submit(["honeypot"])
    assert decide(client, first, "accept").status_code == 302
    assert decide(client, second, "reject").status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.reviewed_by) == (ResponseStatus.ACCEPTED, users["director"])
    assert (second.status, second.reviewed_by) == (ResponseStatus.REJECTED, users["director"])
    assert second.flags == ["honeypot"]  # the reasons are kept
    remaining = client.get(reverse(QUEUE)).context["page"]
    assert first.pk not in [r.pk for r in remaining] and second.pk not in [r.pk for r in remaining]


def test_the_regional_administrator_decides_too(client_for, users):
    response = submit(["too_fast"])
    decide(client_for("regadmin"), response, "reject")
    response.refresh_from_db()
    assert (response.status, response.reviewed_by) == (ResponseStatus.REJECTED, users["regadmin"])


def test_a_decision_is_made_once(client_for, users):
    response = submit(["too_fast"])
    decide(client_for("director"), response, "reject")
    decide(client_for("regadmin"), response, "accept")
    response.refresh_from_db()
    assert (response.status, response.reviewed_by) == (ResponseStatus.REJECTED, users["director"])


def test_bad_input_changes_nothing(client_for):
    client = client_for("director")
    response = submit(["too_fast"])
    assert decide(client, response, "maybe").status_code == 302
    assert client.post(reverse("survey_review_decide", args=[response.pk])).status_code == 302
    assert client.get(reverse("survey_review_decide", args=[response.pk])).status_code == 405
    response.refresh_from_db()
    assert (response.status, response.reviewed_by) == (ResponseStatus.FLAGGED, None)


@pytest.mark.parametrize("username", ["specialist", "teamlead", "analyst"])
def test_others_see_the_queue_but_cannot_decide(client_for, username, english):
    response = submit(["too_fast"])
    client = client_for(username)
    page = client.get(reverse(QUEUE))
    assert response.pk in [r.pk for r in page.context["page"]]
    html = page.content.decode()
    assert reverse("survey_review_decide", args=[response.pk]) not in html
    assert "Only the centre" in html
    assert decide(client, response, "accept").status_code == 403
    response.refresh_from_db()
    assert (response.status, response.reviewed_by) == (ResponseStatus.FLAGGED, None)


def test_another_centres_staff_do_not_see_the_response(client_for):
    response = submit(["too_fast"])
    client = client_for("specialist2")
    assert response.pk not in [r.pk for r in client.get(reverse(QUEUE)).context["page"]]
    assert decide(client, response, "accept").status_code == 404
    response.refresh_from_db()
    assert response.status == ResponseStatus.FLAGGED


def test_an_editor_sees_decision_buttons(client_for):
    response = submit(["too_fast"])
    html = client_for("director").get(reverse(QUEUE)).content.decode()
    assert reverse("survey_review_decide", args=[response.pk]) in html


def test_the_queue_is_paged(client_for):
    for _ in range(30):
        submit(["too_fast"])
    client = client_for("director")
    first = client.get(reverse(QUEUE)).context["page"]
    assert len(first) == 25 and first.paginator.count >= 30
    second = client.get(reverse(QUEUE), {"page": 2}).context["page"]
    assert not {r.pk for r in first} & {r.pk for r in second}
