"""Values entered through the API come back from the metrics API as computed by hand."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from otklik.feedback.choices import QuestionType
from otklik.feedback.services import survey_for
from otklik.journeys.models import Touchpoint

pytestmark = pytest.mark.django_db

READ_AND_WRITE = ["write_responses", "write_interactions", "write_mentions", "read_metrics"]


@pytest.fixture
def metrics_api(api, issue):
    return api.as_token(issue(READ_AND_WRITE))


@pytest.fixture
def fresh_touchpoint(survey_touchpoint):
    """A new touchpoint asking the demo survey: nothing else is stored there."""
    version = survey_for(survey_touchpoint)
    touchpoint = Touchpoint.objects.create(
        stage=survey_touchpoint.stage, name="Новая точка", channel=survey_touchpoint.channel
    )
    version.survey.touchpoints.add(touchpoint)
    return touchpoint


def by_code(body) -> dict:
    return {metric["code"]: metric for metric in body["metrics"]}


def test_survey_metrics_of_answers_posted_through_the_api(metrics_api, fresh_touchpoint):
    questions = survey_for(fresh_touchpoint).questions
    keys = {}
    for question in questions:
        keys.setdefault(question["type"], question["key"])
    nps = [10, 9, 8, 7, 6, 0, 10]  # 3 promoters, 2 passives, 2 detractors
    csat = [3, 4, 5, 1, 2, 3, 3]  # 5 at «Ожидания совпали» or above, 2 above it
    ces = [5, 4, 3, 2, 1, 5, 4]  # 4 easy, 1 neutral, 2 hard; sum 24
    for i in range(7):
        answers = {}
        for question in questions:
            kind, key = question["type"], question["key"]
            if kind == QuestionType.NPS:
                answers[key] = nps[i]
            elif kind == QuestionType.CSAT and key == keys[QuestionType.CSAT]:
                answers[key] = csat[i]
            elif kind == QuestionType.CES:
                answers[key] = ces[i]
        body = {
            "idempotency_key": str(uuid.uuid4()),
            "touchpoint": fresh_touchpoint.public_code,
            "channel": "kiosk",
            "answers": answers,
        }
        assert metrics_api.post("responses", body).status_code == 201
    today = timezone.localdate()
    response = metrics_api.get(
        "metrics",
        {
            "start": today.isoformat(),
            "end": (today + timedelta(days=1)).isoformat(),
            "touchpoint": fresh_touchpoint.public_code,
            "metric": ["NPS", "CSAT", "CES"],
        },
    )
    assert response.status_code == 200, response.json()
    got = by_code(response.json())
    assert got["NPS"]["value"] == pytest.approx((3 - 2) / 7 * 100)
    assert got["NPS"]["n"] == 7 and got["NPS"]["enough"] is False  # 7 < 30: «мало ответов»
    assert got["CSAT"]["value"] == pytest.approx(5 / 7 * 100)
    assert got["CSAT"]["detail"]["delight"] == pytest.approx(2 / 7 * 100)
    # csat = [3, 4, 5, 1, 2, 3, 3]: each level's share, keyed by its code in the JSON
    assert got["CSAT"]["detail"]["distribution"] == pytest.approx(
        {"1": 100 / 7, "2": 100 / 7, "3": 300 / 7, "4": 100 / 7, "5": 100 / 7}
    )
    if QuestionType.CES in keys:
        assert got["CES"]["value"] == pytest.approx((4 - 2) / 7 * 100)
        assert got["CES"]["detail"]["mean"] == pytest.approx(24 / 7)


def test_interaction_metrics_of_records_posted_through_the_api(metrics_api):
    opened = "2024-01-10T10:00:00+03:00"
    records = [  # waits 60, 120, 600, 3600 s; replies 1, 2, 3, 6
        {"first_response_at": "2024-01-10T10:01:00+03:00", "replies": 1, "resolved": True},
        {"first_response_at": "2024-01-10T10:02:00+03:00", "replies": 2, "resolved": True},
        {"first_response_at": "2024-01-10T10:10:00+03:00", "replies": 3, "escalated": True},
        {"first_response_at": "2024-01-10T11:00:00+03:00", "replies": 6, "resolved": True},
    ]
    flags = [(True, True), (True, True), (False, True), (False, False)]  # (first, resolvable)
    for record, (first, resolvable) in zip(records, flags, strict=True):
        body = {
            "idempotency_key": str(uuid.uuid4()),
            "channel": "phone",
            "centre": "khimki",
            "opened_at": opened,
            "first_response_at": record["first_response_at"],
            "replies": record["replies"],
            "escalated": record.get("escalated", False),
            "resolved_first_contact": first,
            "resolvable_first_contact": resolvable,
        }
        if record.get("resolved"):
            body["resolved_at"] = "2024-01-10T12:00:00+03:00"
        assert metrics_api.post("interactions", body).status_code == 201
    response = metrics_api.get(
        "metrics", {"start": "2024-01-08", "end": "2024-01-15", "centre": "khimki"}
    )
    got = by_code(response.json())
    assert got["RR"]["value"] == pytest.approx(75.0)
    assert got["ER"]["value"] == pytest.approx(25.0)
    assert got["FCR"]["value"] == pytest.approx(50.0)
    assert got["FCR"]["detail"]["net_fcr"] == pytest.approx(2 / 3 * 100)
    assert got["RpC"]["value"] == pytest.approx(3.0)
    assert got["TTFR"]["value"] == pytest.approx(360.0)  # median of 60, 120, 600, 3600
    assert got["TTFR"]["detail"]["mean"] == pytest.approx(1095.0)
    assert got["TTFR"]["detail"]["p90"] == pytest.approx(2700.0)  # 600 + 0.7 × 3000
    assert got["CV-2"]["value"] == 4 and got["CV-2"]["detail"]["by_channel"] == {"phone": 4}
    assert got["NPS"]["value"] is None and got["NPS"]["n"] == 0


def test_the_weekly_series(metrics_api):
    for day in ("2024-01-02", "2024-01-16"):
        body = {
            "idempotency_key": str(uuid.uuid4()),
            "platform": "2gis",
            "published_at": f"{day}T12:00:00+03:00",
            "text": "Отзыв",
            "stars": 4,
            "centre": "podolsk",
        }
        assert metrics_api.post("mentions", body).status_code == 201
    response = metrics_api.get(
        "metrics/series",
        {"start": "2024-01-01", "end": "2024-01-22", "granularity": "week", "metric": "CV-1"},
    )
    assert response.status_code == 200
    points = response.json()["points"]
    assert [p["period"]["start"] for p in points] == ["2024-01-01", "2024-01-08", "2024-01-15"]
    assert [p["metrics"][0]["value"] for p in points] == [1, 0, 1]


def test_bad_input_is_a_clear_422(metrics_api):
    cases = [
        {"start": "2024-01-08", "end": "2024-01-01"},
        {"start": "2024-01-01", "end": "2024-01-08", "metric": "NOPE"},
        {"start": "2024-01-01", "end": "2024-01-08", "touchpoint": "unknown-code"},
        {"start": "2024-01-01", "end": "2024-01-08", "centre": "not-a-centre"},
        {"start": "2024-01-01", "end": "2031-01-01"},
        {"start": "yesterday", "end": "2024-01-08"},
        {"start": "0001-01-01", "end": "0001-01-08"},
        {"start": "9999-12-24", "end": "9999-12-31"},
    ]
    for params in cases:
        response = metrics_api.get("metrics", params)
        assert response.status_code == 422, (params, response.json())
        assert response.json()["errors"]


def test_a_centre_token_reads_only_its_centre(api, issue):
    khimki = api.as_token(issue(["read_metrics"], centre="khimki"))
    params = {"start": "2024-01-01", "end": "2024-01-08"}
    assert khimki.get("metrics", params).json()["slice"]["centre"] == "khimki"
    assert khimki.get("metrics", {**params, "centre": "podolsk"}).status_code == 422


def test_the_scope_is_required(api, issue):
    without = api.as_token(issue(["read_feedback"]))
    assert without.get("metrics", {"start": "2024-01-01", "end": "2024-01-08"}).status_code == 403
