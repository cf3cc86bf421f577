"""KPI corridor colours and drop alerts on stored facts whose answer is known."""

import random
import uuid
from datetime import date, timedelta

import pytest

from otklik.feedback.choices import QuestionType, ResponseChannel
from otklik.feedback.services import do_submit_response, survey_for
from otklik.journeys.kpis import Status
from otklik.metrics import alerts, rollups, status
from otklik.metrics.slices import Period, Slice, baseline
from tests.metrics.test_queries import at

# Long before the demo's generated facts (the last 26 weeks): only the tests' own rows.
WEEK = Period(date(2024, 10, 7), date(2024, 10, 14))


@pytest.fixture
def touchpoint(main_journey):
    return next(
        tp
        for stage in main_journey.stages.all()
        for tp in stage.touchpoints.all()
        if survey_for(tp) is not None
    )


def answer_nps(touchpoint, scores, days):
    """Responses with the given NPS scores (and CSAT «Ожидания совпали»), spread over days."""
    version = survey_for(touchpoint)
    keys = {q["type"]: q["key"] for q in version.questions}
    stored = []
    for i, score in enumerate(scores):
        answers = [{"question_key": keys[QuestionType.NPS], "type": "nps", "score": score}]
        answers.append({"question_key": keys[QuestionType.CSAT], "type": "csat", "score": 3})
        response = do_submit_response(
            touchpoint=touchpoint,
            version=version,
            answers=answers,
            channel=ResponseChannel.QR,
            idempotency_key=uuid.uuid4(),
        ).response
        response.submitted_at = at(days[i % len(days)], 12)
        response.save(update_fields=["submitted_at"])
        stored.append(response)
    rollups.rebuild([rollups.SURVEYS])
    return stored


def scores(rng, n, promoters, detractors):
    """n NPS answers with the given shares of promoters and detractors."""
    result = []
    for _ in range(n):
        u = rng.random()
        result.append(10 if u < promoters else 2 if u < promoters + detractors else 8)
    return result


def baseline_days():
    period = baseline(WEEK)
    return [period.start + timedelta(days=i) for i in range(period.days)]


def week_days():
    return [WEEK.start + timedelta(days=i) for i in range(7)]


def test_a_real_fall_of_nps_is_a_drop(touchpoint):
    rng = random.Random(1)
    answer_nps(touchpoint, scores(rng, 400, 0.5, 0.2), baseline_days())  # NPS ≈ 30
    answer_nps(touchpoint, scores(rng, 120, 0.3, 0.4), week_days())  # NPS ≈ −10
    checks = status.drop_checks(Slice(touchpoint=touchpoint.pk), WEEK, ["NPS", "CSAT"])
    nps = checks["NPS"]
    assert nps.status is alerts.AlertStatus.DROP
    assert nps.change < 0 and nps.change_ci[1] < 0
    assert nps.current_n == 120 and nps.baseline_n == 400
    assert checks["CSAT"].status is alerts.AlertStatus.NO_DROP  # 100 % both times


def test_the_same_distribution_is_no_drop(touchpoint):
    rng = random.Random(2)
    answer_nps(touchpoint, scores(rng, 400, 0.5, 0.2), baseline_days())
    answer_nps(touchpoint, scores(rng, 100, 0.5, 0.2), week_days())
    check = status.drop_checks(Slice(touchpoint=touchpoint.pk), WEEK, ["NPS"])["NPS"]
    assert check.status is not alerts.AlertStatus.DROP


def test_six_answers_raise_no_alarm_however_bad(touchpoint):
    rng = random.Random(3)
    answer_nps(touchpoint, scores(rng, 300, 0.6, 0.1), baseline_days())
    answer_nps(touchpoint, [0, 0, 1, 0, 2, 0], week_days())
    one = status.drop_checks(Slice(touchpoint=touchpoint.pk), WEEK, ["NPS"])["NPS"]
    assert one.status is alerts.AlertStatus.TOO_FEW
    table = status.table_drop_checks(Slice(), WEEK, "touchpoint", ["NPS"])
    assert "NPS" not in table.get(touchpoint.pk, {})  # a table tests only enough answers


def test_kpi_corridors_colour_the_values(touchpoint):
    """The demo's App. 1 KPIs bind NPS with a corridor from 30 (amber within 10)."""
    rng = random.Random(4)
    answer_nps(touchpoint, scores(rng, 60, 0.25, 0.3), week_days())  # NPS ≈ −5: red
    region = touchpoint.stage.journey.region_id
    found = {
        (s.kpi.client_group_id, s.code): s
        for s in status.kpi_statuses(Slice(region=region), WEEK, region)
    }
    group = touchpoint.stage.journey.client_group_id
    nps = found[(group, "NPS")]
    assert nps.value.n == 60 and nps.status is Status.RED
    assert found[(group, "CSAT")].status is Status.GREEN  # every answer «Ожидания совпали»
    ttfr = [s for (g, code), s in found.items() if code == "TTFR"]
    assert ttfr and all(s.status is Status.NO_DATA for s in ttfr)  # no interactions


def test_too_few_answers_are_no_colour(touchpoint):
    answer_nps(touchpoint, [0] * 5, week_days())
    region = touchpoint.stage.journey.region_id
    for found in status.kpi_statuses(Slice(region=region), WEEK, region):
        if found.code == "NPS" and found.value.n == 5:
            assert found.status is Status.NO_DATA and not found.value.enough
            break
    else:
        pytest.fail("the NPS KPI of the answered client group was not found")
