"""The REST API endpoints: create once, replay, batches all-or-nothing, reading, hostile input."""

import json
import uuid

import pytest

from otklik.feedback.models import FeedbackItem, Interaction, Mention, Response

pytestmark = pytest.mark.django_db


def key() -> str:
    return str(uuid.uuid4())


def feedback(**extra):
    return {
        "idempotency_key": key(),
        "channel": "letter",
        "received_at": "2026-11-01T10:00:00+03:00",
        "text": "Долго ждал в очереди",
        "centre": "podolsk",
        "rating": 2,
        **extra,
    }


def interaction(**extra):
    return {
        "idempotency_key": key(),
        "channel": "phone",
        "opened_at": "2026-11-01T10:00:00+03:00",
        "resolved_at": "2026-11-01T10:05:00+03:00",
        "replies": 2,
        "centre": "khimki",
        **extra,
    }


def mention(**extra):
    return {
        "idempotency_key": key(),
        "platform": "vk",
        "url": f"https://vk.com/wall-1_{uuid.uuid4().int % 10**9}",
        "published_at": "2026-11-01T10:00:00+03:00",
        "text": "Хороший центр занятости",
        "sentiment": "positive",
        **extra,
    }


def answer(tp, **extra):
    return {
        "idempotency_key": key(),
        "touchpoint": tp.public_code,
        "channel": "kiosk",
        "answers": {"q1": 4, "q3": 9, "q4": "Всё хорошо"},
        **extra,
    }


CASES = [
    ("feedback-items", FeedbackItem, feedback),
    ("interactions", Interaction, interaction),
    ("mentions", Mention, mention),
]


@pytest.mark.parametrize(("path", "model", "make"), CASES)
def test_create_and_replay(api, path, model, make):
    body = make()
    response = api.post(path, body)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["created"] is True and created["idempotency_key"] == body["idempotency_key"]
    stored = model.objects.get(pk=created["id"])
    assert str(stored.idempotency_key) == body["idempotency_key"]

    again = api.post(path, body)
    assert again.status_code == 200
    assert again.json() == {**created, "created": False}
    assert model.objects.filter(idempotency_key=body["idempotency_key"]).count() == 1


def test_feedback_fields_are_stored(api):
    response = api.post("feedback-items", feedback(text="<script>alert(1)</script>"))
    item = FeedbackItem.objects.get(pk=response.json()["id"])
    assert item.centre.code == "podolsk" and item.region.code == "region-50"
    assert item.rating == 2 and item.status == "new" and item.channel == "letter"
    assert item.text == "<script>alert(1)</script>"  # stored as text, escaped when shown


def test_response_create_and_replay(api, survey_touchpoint):
    body = answer(survey_touchpoint)
    response = api.post("responses", body)
    assert response.status_code == 201, response.json()
    stored = Response.objects.get(pk=response.json()["id"])
    assert stored.channel == "kiosk" and stored.touchpoint == survey_touchpoint
    assert {a.question_key: (a.score, a.text) for a in stored.answers.all()} == {
        "q1": (4, ""),
        "q3": (9, ""),
        "q4": (None, "Всё хорошо"),
    }
    again = api.post("responses", body)
    assert again.status_code == 200 and again.json()["id"] == stored.pk


def test_response_answer_errors(api, survey_touchpoint):
    kiosk = Response.objects.filter(channel="kiosk").count()  # the demo's own answers
    response = api.post(
        "responses", answer(survey_touchpoint, answers={"q1": 99, "q3": 4, "zz": 1})
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"answers.q1", "answers.zz"}
    missing = api.post("responses", answer(survey_touchpoint, answers={"q3": 4}))
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "answers.q1"
    unknown = api.post("responses", answer(survey_touchpoint, touchpoint="NOPE"))
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "touchpoint"
    assert Response.objects.filter(channel="kiosk").count() == kiosk


def test_response_batch(api, survey_touchpoint):
    items = [answer(survey_touchpoint) for _ in range(3)]
    response = api.post("responses/batch", {"items": items})
    assert response.status_code == 201
    assert response.json()["created"] == 3
    again = api.post("responses/batch", {"items": items})
    assert again.status_code == 200 and again.json()["existing"] == 3


def test_response_batch_all_or_nothing(api, survey_touchpoint):
    before = Response.objects.count()
    items = [answer(survey_touchpoint), answer(survey_touchpoint, answers={"q1": 0})]
    response = api.post("responses/batch", {"items": items})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"index": 1, "field": "answers.q1", "message": response.json()["errors"][0]["message"]}
    ]
    assert Response.objects.count() == before


@pytest.mark.parametrize(("path", "model", "make"), CASES)
def test_batch_all_or_nothing(api, path, model, make):
    before = model.objects.count()
    items = [make(), make(), make()]
    items[1]["text" if path != "interactions" else "opened_at"] = (
        "" if path != "interactions" else "2026-13-45"
    )
    response = api.post(f"{path}/batch", {"items": items})
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors and all(error["index"] == 1 for error in errors)
    assert model.objects.count() == before

    items[1] = make()
    response = api.post(f"{path}/batch", {"items": items})
    assert response.status_code == 201
    body = response.json()
    assert body["created"] == 3 and [i["created"] for i in body["items"]] == [True] * 3
    assert model.objects.count() == before + 3
    # Partly known: the old ones come back with their ids, the new one is created.
    items.append(make())
    response = api.post(f"{path}/batch", {"items": items})
    assert response.status_code == 201
    assert response.json()["created"] == 1 and response.json()["existing"] == 3


def test_batch_too_large(api):
    response = api.post("feedback-items/batch", {"items": [feedback() for _ in range(501)]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "items"
    assert api.post("feedback-items/batch", {"items": []}).status_code == 422


def test_interaction_rules_from_ingest(api):
    response = api.post(
        "interactions",
        interaction(opened_at="2026-11-01T10:00:00+03:00", resolved_at="2026-11-01T09:00:00+03:00"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "resolved_at"


def test_same_external_id_is_the_same_interaction(api):
    first = api.post("interactions", interaction(external_id="CC-1"))
    second = api.post("interactions", interaction(external_id="CC-1"))
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"]


def test_centre_token_scope(api, issue, survey_touchpoint):
    khimki = api.as_token(issue(centre="khimki"))
    response = khimki.post("feedback-items", feedback(centre="podolsk"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "centre"
    response = khimki.post("responses", answer(survey_touchpoint))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "touchpoint"
    # Without a centre the token's own centre is used.
    created = khimki.post("feedback-items", feedback(centre=None))
    assert created.status_code == 201
    assert FeedbackItem.objects.get(pk=created.json()["id"]).centre.code == "khimki"


def test_key_of_another_units_record_is_refused(api, issue):
    body = feedback(centre="podolsk")
    assert api.post("feedback-items", body).status_code == 201
    khimki = api.as_token(issue(centre="khimki"))
    response = khimki.post("feedback-items", {**body, "centre": "khimki"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "idempotency_key"


def test_touchpoints_with_public_urls(api, issue, survey_touchpoint, settings):
    response = api.get("touchpoints")
    assert response.status_code == 200
    rows = {row["public_code"]: row for row in response.json()}
    row = rows[survey_touchpoint.public_code]
    assert row["public_survey_url"] == (
        f"{settings.OTKLIK_PUBLIC_BASE_URL}/s/{survey_touchpoint.public_code}/"
    )
    assert row["survey_version"]["questions"][0]["key"] == "q1"
    assert row["centre"] == "podolsk"
    assert any(r["survey_version"] is None for r in rows.values()) or rows

    khimki = api.as_token(issue(centre="khimki")).get("touchpoints").json()
    assert all(r["centre"] == "khimki" for r in khimki)
    assert survey_touchpoint.public_code not in {r["public_code"] for r in khimki}


def test_read_feedback_scoped_and_filtered(api, issue):
    for centre in ("podolsk", "khimki"):
        api.post("feedback-items", feedback(centre=centre, text=f"api {centre}"))
    whole = api.get("feedback-items", {"limit": 500}).json()
    assert whole["count"] >= 2
    centres = {item["centre"] for item in whole["items"]}
    assert {"podolsk", "khimki"} <= centres

    khimki = api.as_token(issue(centre="khimki", scopes=["read_feedback"]))
    page = khimki.get("feedback-items", {"limit": 500}).json()
    assert page["items"] and {item["centre"] for item in page["items"]} == {"khimki"}
    # A centre filter cannot widen the token's units.
    assert khimki.get("feedback-items", {"centre": "podolsk"}).json()["count"] == 0

    filtered = api.get(
        "feedback-items",
        {"centre": "podolsk", "since": "2026-10-31T00:00:00Z", "status": "new", "limit": 1},
    ).json()
    assert filtered["limit"] == 1 and len(filtered["items"]) == 1
    assert filtered["items"][0]["centre"] == "podolsk"
    second = api.get("feedback-items", {"limit": 1, "offset": 1}).json()
    assert second["offset"] == 1 and second["items"][0]["id"] != whole["items"][0]["id"]
    assert api.get("feedback-items", {"limit": 0}).status_code == 422
    assert api.get("feedback-items", {"since": "yesterday"}).status_code == 422


HOSTILE = [
    ("huge text", {"text": "я" * 100_000}, "text"),
    ("wrong type", {"rating": "five"}, "rating"),
    ("bool rating", {"rating": [1]}, "rating"),
    ("unknown field", {"is_admin": True}, "is_admin"),
    ("invalid uuid", {"idempotency_key": "not-a-uuid"}, "idempotency_key"),
    ("bad channel", {"channel": "wall"}, "channel"),
    ("nul", {"text": "a\x00b"}, "text"),
    ("year 1", {"received_at": "0001-01-01T00:00:00Z"}, "received_at"),
    ("year 9999", {"received_at": "9999-12-31T23:59:59-23:00"}, "received_at"),
    ("centre script", {"centre": "<script>"}, "centre"),
    ("touchpoint script", {"touchpoint": "<script>alert(1)</script>"}, "touchpoint"),
    ("unknown centre", {"centre": "nowhere"}, "centre"),
    ("null text", {"text": None}, "text"),
]


@pytest.mark.parametrize(("name", "change", "field"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_input_is_422_with_field(api, name, change, field):
    response = api.post("feedback-items", feedback(**change))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] and field in {error["field"] for error in body["errors"]}
    assert "я" * 1000 not in response.content.decode()  # the input is not echoed


@pytest.mark.parametrize(
    "raw",
    ["{", "[]", '"text"', "null", "1", '{"items": "x"}', "\x00", '{"text": "\\ud800"}'],
)
def test_malformed_bodies_are_4xx(api, raw):
    for path in ("feedback-items", "feedback-items/batch", "responses", "mentions/batch"):
        response = api.post(path, raw, raw=True)
        assert 400 <= response.status_code < 500, (path, raw, response.status_code)


def test_hostile_answers(api, survey_touchpoint):
    for answers in ({"q1": True}, {"q1": 4.5}, {"q1": [1, 2]}, {"q4": "x" * 3000}, {"Q1": 1}):
        response = api.post("responses", answer(survey_touchpoint, answers=answers))
        assert response.status_code == 422, (answers, response.content)
    response = api.post("responses", answer(survey_touchpoint, answers={"q1": 4, "q4": 5}))
    assert response.status_code in (201, 422)


def test_lone_surrogate_is_refused(api):
    body = json.dumps(feedback(text="a\ud800b"))
    assert "\\ud800" in body
    response = api.post("feedback-items", body, raw=True)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "text"
