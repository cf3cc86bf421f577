"""Metrics computed in the database equal the pure formulas over the same rows."""

import random
import uuid
from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from otklik.feedback.choices import (
    InteractionChannel,
    QuestionType,
    ResponseChannel,
    ResponseStatus,
)
from otklik.feedback.models import Answer, Interaction, Mention, Response
from otklik.feedback.services import do_submit_response, survey_for
from otklik.metrics import formulas, queries, rollups, waits
from otklik.metrics.models import (
    InteractionDay,
    InteractionWeek,
    SurveyDay,
    SurveyRegionDay,
    SurveyWeek,
    TtfrSketchDay,
)
from otklik.metrics.slices import Granularity, Period, Slice

# Monday to Monday, long before the demo's generated facts (the last 26 weeks): the
# tests' own rows are the only ones in it.
WEEK = Period(date(2024, 10, 7), date(2024, 10, 14))
TZ = ZoneInfo(settings.TIME_ZONE)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


@pytest.fixture
def touchpoints(main_journey):
    found = [
        tp
        for stage in main_journey.stages.all()
        for tp in stage.touchpoints.all()
        if survey_for(tp) is not None
    ]
    assert len(found) >= 3
    return found[:3]


def _answers(version, rng) -> list[dict]:
    rows = []
    for question in version.questions:
        kind = question["type"]
        row = {"question_key": question["key"], "type": kind}
        if kind == QuestionType.NPS:
            row["score"] = rng.randint(0, 10)
        elif kind == QuestionType.CES:
            row["scale_points"] = question.get("scale_points") or 5
            row["score"] = rng.randint(1, row["scale_points"])
        elif kind == QuestionType.CSAT:
            row["score"] = rng.randint(1, 5)
        else:
            continue
        rows.append(row)
    return rows


def make_responses(touchpoints, count: int, days: list[date], seed: int = 1) -> list[Response]:
    """Responses stored the way citizens' are, then moved to the given days."""
    rng = random.Random(seed)
    stored = []
    for i in range(count):
        touchpoint = touchpoints[i % len(touchpoints)]
        version = survey_for(touchpoint)
        submission = do_submit_response(
            touchpoint=touchpoint,
            version=version,
            answers=_answers(version, rng),
            channel=rng.choice([ResponseChannel.QR, ResponseChannel.SMS]),
            idempotency_key=uuid.uuid4(),
        )
        stored.append(submission.response)
    for response in stored:
        response.submitted_at = at(rng.choice(days), rng.randint(0, 23), rng.randint(0, 59))
        response.save(update_fields=["submitted_at"])
    rollups.rebuild([rollups.SURVEYS])
    return stored


def expected_survey(responses) -> dict:
    """NPS, CES and CSAT by the pure formulas over the stored answer rows."""
    answers = Answer.objects.filter(
        response__in=responses, response__status=ResponseStatus.ACCEPTED
    )
    nps = Counter()
    ces = Counter()
    ces_scores = []
    csat = Counter()
    for answer in answers:
        if answer.type == QuestionType.NPS:
            nps[formulas.nps_bucket(answer.score)] += 1
        elif answer.type == QuestionType.CES:
            ces[formulas.ces_bucket(answer.score, answer.scale_points)] += 1
            ces_scores.append(answer.score)
        elif answer.type == QuestionType.CSAT:
            csat[answer.score] += 1
    return {
        "NPS": formulas.nps(
            nps[formulas.NpsBucket.PROMOTER],
            nps[formulas.NpsBucket.PASSIVE],
            nps[formulas.NpsBucket.DETRACTOR],
        ),
        "NPS_n": sum(nps.values()),
        "CES": formulas.ces(
            ces[formulas.CesBucket.EASY],
            ces[formulas.CesBucket.NEUTRAL],
            ces[formulas.CesBucket.HARD],
        ),
        "CES_mean": formulas.ces_mean(sum(ces_scores), len(ces_scores)),
        "CSAT": formulas.csat(dict(csat)),
        "CSAT_delight": formulas.csat_delight(dict(csat)),
    }


def test_survey_metrics_of_a_week_equal_the_formulas(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    responses = make_responses(touchpoints, 60, days)
    values = queries.metric_values(Slice(region=touchpoints[0].stage.journey.region_id), WEEK)
    expected = expected_survey(responses)
    assert values["NPS"].value == pytest.approx(expected["NPS"], abs=1e-9)
    assert values["NPS"].n == expected["NPS_n"] == 60
    assert values["CES"].value == pytest.approx(expected["CES"], abs=1e-9)
    assert values["CES"].detail["mean"] == pytest.approx(expected["CES_mean"], abs=1e-9)
    assert values["CSAT"].value == pytest.approx(expected["CSAT"], abs=1e-9)
    assert values["CSAT"].detail["delight"] == pytest.approx(expected["CSAT_delight"], abs=1e-9)
    assert values["NPS"].enough  # 60 ≥ the minimum sample of 30


def test_a_slice_by_touchpoint_and_channel_holds_only_its_answers(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    responses = make_responses(touchpoints, 45, days, seed=2)
    target = touchpoints[1]
    mine = [r for r in responses if r.touchpoint_id == target.pk and r.channel == "sms"]
    values = queries.metric_values(Slice(touchpoint=target.pk, channel="sms"), WEEK, ["NPS"])
    assert values["NPS"].n == len(mine)
    assert values["NPS"].value == pytest.approx(expected_survey(mine)["NPS"], abs=1e-9)


def test_the_weekly_table_by_touchpoint(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    responses = make_responses(touchpoints, 30, days, seed=3)
    region = touchpoints[0].stage.journey.region_id
    table = queries.metric_table(Slice(region=region), WEEK, by="touchpoint")
    answered = {key for key, values in table.items() if values["NPS"].n}
    assert answered == {tp.pk for tp in touchpoints}
    for tp in touchpoints:
        mine = [r for r in responses if r.touchpoint_id == tp.pk]
        assert table[tp.pk]["NPS"].n == len(mine) == 10
        assert table[tp.pk]["CSAT"].value == pytest.approx(expected_survey(mine)["CSAT"])
        assert not table[tp.pk]["NPS"].enough  # 10 answers: «мало ответов»


def _tables_read(action) -> set[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return {
        table
        for table in (
            "metrics_interactionweek",
            "metrics_interactionday",
            "metrics_surveyweek",
            "metrics_surveyday",
        )
        if any(f'"{table}"' in query["sql"] for query in captured)
    }


def test_whole_weeks_read_the_weekly_rollups_and_equal_the_formulas(touchpoints):
    """Two whole weeks of answers and interactions come from the weekly rollups, a period
    cut inside a week from the daily ones; both equal the formulas over the rows they
    hold, CV-2's split by channel included."""
    fortnight = Period(WEEK.start, WEEK.end + timedelta(days=7))
    days = [fortnight.start + timedelta(days=i) for i in range(14)]
    responses = make_responses(touchpoints, 60, days, seed=21)
    made = make_interactions(touchpoints, 60, days, seed=21)
    region = Slice(region=touchpoints[0].stage.journey.region_id)
    cut = Period(WEEK.start + timedelta(days=2), fortnight.end)
    for period, read in (
        (fortnight, {"metrics_interactionweek", "metrics_surveyweek"}),
        (cut, {"metrics_interactionday", "metrics_surveyday"}),
    ):
        assert _tables_read(lambda p=period: queries.metric_table(region, p, "touchpoint")) == read
        table = queries.metric_table(region, period, "touchpoint")
        for tp in touchpoints:
            mine = [r for r in responses if period_holds(period, r.submitted_at)]
            mine = [r for r in mine if r.touchpoint_id == tp.pk]
            assert table[tp.pk]["NPS"].n == len(mine)
            assert table[tp.pk]["NPS"].value == pytest.approx(expected_survey(mine)["NPS"])
            facts = [i for i in made if i.touchpoint_id == tp.pk]
            facts = [i for i in facts if period_holds(period, i.opened_at)]
            assert table[tp.pk]["ER"].n == len(facts)
            assert table[tp.pk]["ER"].value == pytest.approx(
                formulas.escalation_rate(sum(i.escalated for i in facts), len(facts))
            )
            assert table[tp.pk]["CV-2"].detail["by_channel"] == dict(
                Counter(i.channel for i in facts)
            )
    # Dimensions the weekly rollups leave out (the centre, the channel) read the daily ones.
    by_centre = lambda: queries.metric_table(region, fortnight, "centre")  # noqa: E731
    assert _tables_read(by_centre) == {"metrics_interactionday", "metrics_surveyday"}
    journey = Slice(journey=touchpoints[0].stage.journey_id)
    by_channel = queries.metric_table(journey, fortnight, "channel", ["CV-2", "NPS"])
    conversations = {key: values["CV-2"].n for key, values in by_channel.items()}
    assert {key: n for key, n in conversations.items() if n} == dict(
        Counter(i.channel for i in made)
    )  # the survey channels (QR, SMS) have answers, no conversations


def test_the_weekly_interaction_rollup_counts_every_channel():
    """A channel added to the choices needs its column in the weekly rollup."""
    columns = {f.name for f in InteractionWeek._meta.get_fields()}
    assert {f"received_{channel}" for channel in InteractionChannel.values} <= columns


def period_holds(period: Period, moment: datetime) -> bool:
    return period.start <= moment.astimezone(TZ).date() < period.end


def test_rebuilding_days_inside_a_week_rebuilds_the_whole_week(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    make_interactions(touchpoints, 30, days, seed=22)
    near = InteractionWeek.objects.filter(week__range=(WEEK.start - timedelta(7), WEEK.end))

    def rows():
        return sorted(near.values_list("week", "touchpoint_id", "received_phone", "received"))

    whole = rows()
    assert {row[0] for row in whole} == {WEEK.start}
    assert sum(row[-1] for row in whole) == 30
    middle = WEEK.start + timedelta(days=3)
    rollups.rebuild([rollups.INTERACTIONS], middle, middle + timedelta(days=1))
    assert rows() == whole


def test_a_rebuild_of_some_tables_leaves_the_others_alone(touchpoints):
    """What migration metrics 0008 does: fill the weekly rollups again, nothing else."""
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    make_responses(touchpoints, 12, days, seed=24)
    make_interactions(touchpoints, 12, days, seed=24)
    weekly = {SurveyWeek, InteractionWeek}

    def rows(model):  # keys and counts (float sums may differ in their last bits)
        return sorted(
            tuple(v for k, v in row.items() if k != "id" and not isinstance(v, float))
            for row in model.objects.values()
        )

    before = {model: rows(model) for model in (*weekly, SurveyDay)}
    assert all(before.values())
    for model in (*weekly, SurveyDay):
        model.objects.all().delete()
    rollups.rebuild(tables=weekly)
    assert {model: rows(model) for model in weekly} == {model: before[model] for model in weekly}
    assert not SurveyDay.objects.exists()


def test_rebuilding_days_whose_facts_are_gone_leaves_no_rows(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    made = make_interactions(touchpoints, 10, days, seed=23)
    in_week = {"day__gte": WEEK.start, "day__lt": WEEK.end}
    assert InteractionDay.objects.filter(**in_week).exists()
    Interaction.objects.filter(pk__in=[i.pk for i in made]).delete()
    rollups.rebuild([rollups.INTERACTIONS], WEEK.start, WEEK.end)
    assert not InteractionDay.objects.filter(**in_week).exists()
    assert not InteractionWeek.objects.filter(week=WEEK.start).exists()


def test_a_local_day_boundary_is_moscow_midnight(touchpoints):
    """An answer at 00:30 Moscow time on Monday is Monday's, though it is Sunday in UTC."""
    make_responses(touchpoints[:1], 1, [WEEK.start], seed=4)
    response = Response.objects.latest("pk")
    response.submitted_at = at(WEEK.start, 0, 30)
    response.save(update_fields=["submitted_at"])
    rollups.rebuild([rollups.SURVEYS])
    assert queries.metric_values(Slice(), WEEK, ["NPS"])["NPS"].n == 1
    assert queries.metric_values(Slice(), WEEK.previous(), ["NPS"])["NPS"].n == 0


def test_no_answers_is_no_data_not_zero(touchpoints):
    values = queries.metric_values(Slice(touchpoint=touchpoints[0].pk), WEEK)
    assert values["NPS"].value is None and values["NPS"].n == 0
    assert values["TTFR"].value is None
    assert values["CV-2"].value == 0  # a volume: nothing is a real zero
    assert not values["NPS"].enough


def test_a_slice_the_facts_do_not_carry_is_not_applicable(touchpoints, users):
    values = queries.metric_values(Slice(employee=users["specialist"].pk), WEEK)
    assert values["NPS"].applicable is False
    assert values["RR"].applicable is True


def test_incremental_rollups_equal_a_rebuild(touchpoints):
    """Adding facts as they arrive gives the same rows as rebuilding from scratch."""
    rng = random.Random(5)
    for i in range(25):
        touchpoint = touchpoints[i % 3]
        version = survey_for(touchpoint)
        do_submit_response(
            touchpoint=touchpoint,
            version=version,
            answers=_answers(version, rng),
            channel=ResponseChannel.QR,
            idempotency_key=uuid.uuid4(),
        )
    make_interactions(touchpoints, 40, [timezone.localdate()], incremental=True)

    def exact(value):
        """Packed waits as the multiset they are: appended as facts arrive, sorted when
        rebuilt."""
        return tuple(sorted(waits.unpack(value))) if isinstance(value, bytes) else value

    def snapshot():
        """Each rollup's rows: exact columns → float sums (whose last bits depend on the
        order of addition, so they are compared to 1e-12 relative)."""
        return {
            model.__name__: {
                tuple(exact(v) for k, v in row.items() if k != "id" and not isinstance(v, float)): [
                    v for v in row.values() if isinstance(v, float)
                ]
                for row in model.objects.values()
            }
            for model in (
                SurveyDay,
                SurveyRegionDay,
                InteractionDay,
                InteractionWeek,
                SurveyWeek,
                TtfrSketchDay,
            )
        }

    incremental = snapshot()
    assert incremental["SurveyWeek"] and incremental["InteractionWeek"]
    rollups.rebuild()
    rebuilt = snapshot()
    for model, rows in incremental.items():
        assert rebuilt[model].keys() == rows.keys(), model
        for key, floats in rows.items():
            assert rebuilt[model][key] == pytest.approx(floats, rel=1e-12), (model, key)


def test_flagged_answers_count_only_after_review(touchpoints, users):
    from otklik.feedback.builder import do_review_response

    version = survey_for(touchpoints[0])
    one = Slice(touchpoint=touchpoints[0].pk)
    today = Period.containing(timezone.localdate(), "day")
    before = queries.metric_values(one, today, ["NPS"])["NPS"].n  # the demo's answers today
    flagged = do_submit_response(
        touchpoint=touchpoints[0],
        version=version,
        answers=_answers(version, random.Random(6)),
        channel=ResponseChannel.QR,
        idempotency_key=uuid.uuid4(),
        flags=["too_fast"],
    ).response
    assert flagged.submitted_at.astimezone(TZ).date() == today.start
    assert queries.metric_values(one, today, ["NPS"])["NPS"].n == before
    do_review_response(flagged, users["director"], accept=True)
    assert queries.metric_values(one, today, ["NPS"])["NPS"].n == before + 1


# --------------------------------------------------------------------------- interactions


def make_interactions(touchpoints, count, days, *, seed=7, incremental=False):
    rng = random.Random(seed)
    region = touchpoints[0].stage.journey.region_id
    made = []
    for i in range(count):
        opened = at(rng.choice(days), rng.randint(6, 22), rng.randint(0, 59))
        answered = rng.random() < 0.9
        resolvable = rng.random() < 0.8
        made.append(
            Interaction(
                region_id=region,
                touchpoint=touchpoints[i % len(touchpoints)],
                channel=rng.choice(["phone", "email", "chat"]),
                opened_at=opened,
                first_response_at=(
                    opened + timedelta(seconds=rng.lognormvariate(6, 1.5)) if answered else None
                ),
                resolved_at=opened + timedelta(hours=2) if rng.random() < 0.7 else None,
                replies=rng.randint(0, 4),
                escalated=rng.random() < 0.15,
                resolvable_first_contact=resolvable,
                resolved_first_contact=resolvable and rng.random() < 0.5,
            )
        )
    for interaction in made:
        interaction.derive()
    made = Interaction.objects.bulk_create(made)
    if incremental:
        rollups.record(rollups.INTERACTIONS, [i.pk for i in made])
    else:
        rollups.rebuild([rollups.INTERACTIONS])
    return made


def test_interaction_metrics_equal_the_formulas(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    made = make_interactions(touchpoints, 80, days)
    values = queries.metric_values(Slice(region=made[0].region_id), WEEK)
    received = len(made)
    waits = [(i.first_response_at - i.opened_at).total_seconds() for i in made if i.ttfr_seconds]
    summary = formulas.ttfr_summary(waits)
    not_resolvable = sum(not i.resolvable_first_contact for i in made)
    first = sum(i.resolved_first_contact for i in made)
    assert values["RR"].value == pytest.approx(
        formulas.resolution_rate(sum(bool(i.resolved_at) for i in made), received)
    )
    assert values["ER"].value == pytest.approx(
        formulas.escalation_rate(sum(i.escalated for i in made), received)
    )
    assert values["FCR"].value == pytest.approx(formulas.fcr(first, received))
    assert values["FCR"].detail["net_fcr"] == pytest.approx(
        formulas.net_fcr(first, received, not_resolvable)
    )
    assert values["RpC"].value == pytest.approx(
        formulas.replies_per_conversation(sum(i.replies for i in made), received)
    )
    assert values["TTFR"].n == summary.n
    assert values["TTFR"].value == pytest.approx(summary.median)
    assert values["TTFR"].detail["p90"] == pytest.approx(summary.p90)
    assert values["TTFR"].detail["mean"] == pytest.approx(summary.mean)
    assert values["CV-2"].value == received
    assert values["CV-2"].detail["by_channel"] == dict(Counter(i.channel for i in made))
    outside = sum(
        formulas.is_outside_working_hours(i.opened_at, formulas.WeeklySchedule.standard(tz=TZ))
        for i in made
    )
    assert values["CV-2"].detail["outside_working_hours"] == pytest.approx(
        formulas.share_outside_working_hours(outside, received)
    )


def test_ttfr_median_per_touchpoint_is_exact(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    made = make_interactions(touchpoints, 61, days, seed=8)
    table = queries.metric_table(Slice(), WEEK, by="touchpoint", codes=["TTFR"])
    for tp in touchpoints:
        waits = [i.ttfr_seconds for i in made if i.touchpoint_id == tp.pk and i.ttfr_seconds]
        assert table[tp.pk]["TTFR"].value == pytest.approx(formulas.ttfr_median(waits))
        assert table[tp.pk]["TTFR"].detail["p90"] == pytest.approx(formulas.ttfr_p90(waits))


def test_whole_weeks_rank_the_weekly_rollups_waits_exactly(touchpoints, main_journey):
    """Waits appended as facts arrive, one (the prepared upsert) or many at a time, give
    the facts' exact median and p90 for each touchpoint and each period asked at once,
    without reading a fact."""
    first = WEEK.previous()
    days = [first.start + timedelta(days=i) for i in range(14)]
    made = make_interactions(touchpoints, 50, days, seed=41, incremental=True)
    for seed in range(42, 52):
        made += make_interactions(touchpoints[:1], 1, days, seed=seed, incremental=True)
    region = Slice(region=main_journey.region_id)
    periods = [first, WEEK, Period(first.start, WEEK.end)]
    with CaptureQueriesContext(connection) as captured:
        tables = queries.metric_tables(region, periods, "touchpoint", ["TTFR"])
    assert not any('"feedback_interaction"' in query["sql"] for query in captured)
    for period, table in zip(periods, tables, strict=True):
        for tp in touchpoints:
            waits_ = [
                i.ttfr_seconds
                for i in made
                if i.touchpoint_id == tp.pk
                and i.ttfr_seconds is not None
                and period_holds(period, i.opened_at)
            ]
            ttfr = table[tp.pk]["TTFR"]
            assert ttfr.n == len(waits_) > 0
            assert ttfr.value == formulas.ttfr_median(waits_)
            assert ttfr.detail["p90"] == formulas.ttfr_p90(waits_)
            assert ttfr.detail["approximate"] is False


def test_packed_waits_are_the_values_sorted():
    assert waits.unpack(waits.pack([3.5, 0.0, 1e-9, 86_400.25])) == [0.0, 1e-9, 3.5, 86_400.25]
    assert waits.pack([]) == b""
    assert waits.unpack(b"") == []
    # The packed form is PostgreSQL's float8send: big-endian IEEE 754.
    assert waits.pack([1.0]) == bytes.fromhex("3ff0000000000000")


def test_ttfr_quantiles_by_channel_are_exact_floats(main_journey):
    # Text group keys (channels), ties, a single wait and zero waits.
    waits = {"chat": [100, 101, 103, 100, 102, 101, 3600, 1, 0, 0], "phone": [45]}
    opened = at(WEEK.start, 10)
    made = [
        Interaction(
            region_id=main_journey.region_id,
            channel=channel,
            opened_at=opened,
            first_response_at=opened + timedelta(seconds=wait),
        )
        for channel, channel_waits in waits.items()
        for wait in channel_waits
    ]
    for interaction in made:
        interaction.derive()
    rollups.record(rollups.INTERACTIONS, [i.pk for i in Interaction.objects.bulk_create(made)])
    table = queries.metric_table(Slice(), WEEK, by="channel", codes=["TTFR"])
    for channel, channel_waits in waits.items():
        ttfr = table[channel]["TTFR"]
        assert ttfr.n == len(channel_waits)
        assert ttfr.value == pytest.approx(formulas.ttfr_median(channel_waits))
        assert ttfr.detail["p90"] == pytest.approx(formulas.ttfr_p90(channel_waits))
        assert type(ttfr.value) is float and ttfr.detail["approximate"] is False
    whole = queries.metric_values(Slice(), WEEK, ["TTFR"])["TTFR"]
    every = [wait for channel_waits in waits.values() for wait in channel_waits]
    assert whole.value == pytest.approx(formulas.ttfr_median(every))


def test_ttfr_quantiles_of_no_first_responses_are_nothing(main_journey):
    nothing = Interaction.objects.filter(ttfr_seconds__lt=0)  # a query that finds no rows
    for group in (None, F("channel")):
        assert queries._ttfr_quantiles(queries._quantiles_statement(nothing, group), {}) == {}


def test_the_sketch_answers_huge_slices_within_its_bound(touchpoints, monkeypatch):
    from otklik.metrics import sketch

    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    made = make_interactions(touchpoints, 120, days, seed=9)
    waits = [i.ttfr_seconds for i in made if i.ttfr_seconds is not None]
    monkeypatch.setattr(queries, "EXACT_TTFR_LIMIT", 10)
    value = queries.metric_values(Slice(), WEEK, ["TTFR"])["TTFR"]
    assert value.detail["approximate"] is True
    exact = formulas.ttfr_median(waits)
    assert abs(value.value - exact) <= sketch.ALPHA * exact


def test_each_period_asked_at_once_is_exact_or_from_the_sketch_by_its_own_size(
    touchpoints, main_journey, monkeypatch
):
    from otklik.metrics import sketch

    small, big = WEEK.previous(), WEEK
    made = make_interactions(touchpoints, 6, [small.start], seed=61, incremental=True)
    made += make_interactions(touchpoints, 60, [big.start, big.start + timedelta(days=2)], seed=62)
    monkeypatch.setattr(queries, "EXACT_TTFR_LIMIT", 20)
    tables = queries.metric_tables(Slice(), [small, big], "region", ["TTFR"])
    for period, table in zip((small, big), tables, strict=True):
        waits_ = [
            i.ttfr_seconds
            for i in made
            if i.ttfr_seconds is not None and period_holds(period, i.opened_at)
        ]
        ttfr = table[main_journey.region_id]["TTFR"]
        exact = formulas.ttfr_median(waits_)
        if period is small:
            assert ttfr.value == exact and ttfr.detail["approximate"] is False
        else:
            assert ttfr.detail["approximate"] is True
            assert abs(ttfr.value - exact) <= sketch.ALPHA * exact


def test_a_weekly_series_has_every_week(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in (0, 15)]
    make_responses(touchpoints, 12, days, seed=10)
    period = Period(WEEK.start, WEEK.start + timedelta(weeks=3))
    series = queries.metric_series(Slice(), period, Granularity.WEEK, ["NPS", "RR"])
    assert [bucket.start for bucket, _v in series] == [
        WEEK.start + timedelta(weeks=i) for i in range(3)
    ]
    counts = [values["NPS"].n for _b, values in series]
    assert sum(counts) == 12 and counts[1] == 0
    assert series[1][1]["NPS"].value is None


def test_a_monthly_series_clips_to_the_period(touchpoints):
    make_responses(touchpoints, 6, [date(2024, 9, 30), date(2024, 10, 1)], seed=11)
    series = queries.metric_series(
        Slice(), Period(date(2024, 9, 15), date(2024, 10, 15)), "month", ["NPS"]
    )
    assert [(b.start, b.end) for b, _v in series] == [
        (date(2024, 9, 15), date(2024, 10, 1)),
        (date(2024, 10, 1), date(2024, 10, 15)),
    ]
    assert sum(v["NPS"].n for _b, v in series) == 6


def test_mentions_give_cv1_and_the_external_rating(main_journey):
    region = main_journey.region_id
    rows = [
        Mention(
            region_id=region,
            platform=platform,
            text="…",
            published_at=at(WEEK.start, 12),
            stars=stars,
            sentiment=sentiment,
        )
        for platform, stars, sentiment in [
            ("2gis", 5, "positive"),
            ("2gis", 2, "negative"),
            ("vk", None, "negative"),
            ("yandex_maps", 4, "positive"),
        ]
    ]
    rollups.record(rollups.MENTIONS, [m.pk for m in Mention.objects.bulk_create(rows)])
    values = queries.metric_values(Slice(region=region), WEEK, ["CV-1", "EXT_RATING"])
    assert values["CV-1"].value == 4
    assert values["CV-1"].detail["platform"] == {"2gis": 2, "vk": 1, "yandex_maps": 1}
    assert values["CV-1"].detail["sentiment"] == {"positive": 2, "negative": 2}
    assert values["EXT_RATING"].value == pytest.approx(formulas.external_rating(11, 3))


def test_a_region_week_reads_rollups_in_a_fixed_number_of_queries(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    make_responses(touchpoints, 20, days, seed=12)
    make_interactions(touchpoints, 20, days, seed=12)
    region = touchpoints[0].stage.journey.region_id
    with CaptureQueriesContext(connection) as first:
        queries.metric_table(Slice(region=region), WEEK, by="touchpoint")
    make_responses(touchpoints, 20, days, seed=13)
    with CaptureQueriesContext(connection) as second:
        queries.metric_table(Slice(region=region), WEEK, by="touchpoint")
    assert len(first) == len(second) <= 12


def _plain(tables: list[dict]) -> dict:
    """Every number of the tables, flat (``pytest.approx`` compares flat mappings)."""
    flat = {}

    def walk(path, item):
        if isinstance(item, dict):
            for key, value in item.items():
                walk((*path, key), value)
        elif isinstance(item, queries.MetricValue):
            for name in ("value", "n", "detail", "counts", "applicable"):
                walk((*path, name), getattr(item, name))
        else:
            flat[path] = item

    for index, table in enumerate(tables):
        walk((index,), table)
    return flat


def _assert_same(got: list[dict], expected: list[dict]) -> None:
    got, expected = _plain(got), _plain(expected)
    assert got.keys() == expected.keys()
    for path, value in expected.items():
        if isinstance(value, float):
            assert got[path] == pytest.approx(value, rel=1e-12), path
        else:
            assert got[path] == value, path


def test_several_periods_at_once_equal_a_table_per_period(touchpoints, main_journey):
    """This week, last week and the baseline (which holds last week), a period of days
    cut inside a week and one apart with a gap: each table of ``metric_tables`` is the
    one ``metric_table`` gives for its period alone, medians and breakdowns included
    (sums of seconds added in another order may differ in their last binary digit)."""
    first = WEEK.start - timedelta(weeks=3)
    days = [first + timedelta(days=i) for i in range(35)]
    make_responses(touchpoints, 90, days, seed=31)
    make_interactions(touchpoints, 120, days, seed=31)
    rows = Mention.objects.bulk_create(
        Mention(
            region_id=main_journey.region_id,
            platform=platform,
            text="…",
            published_at=at(day, 12),
            stars=4,
            sentiment="positive",
        )
        for day, platform in zip(days[::3], ["vk", "2gis", "ok"] * 5, strict=False)
    )
    rollups.record(rollups.MENTIONS, [m.pk for m in rows])
    region = Slice(region=main_journey.region_id)
    this_week, last_week = WEEK, Period(WEEK.start - timedelta(weeks=1), WEEK.start)
    baseline = Period(WEEK.start - timedelta(weeks=3), WEEK.start)
    cut = Period(WEEK.start + timedelta(days=2), WEEK.end + timedelta(days=3))
    apart = Period(first, first + timedelta(days=4))
    cases = [(this_week, last_week, baseline), (cut, apart, this_week), (this_week,)]
    for periods in cases:
        for by in ("touchpoint", "channel"):
            alone = [queries.metric_table(region, p, by) for p in periods]
            with CaptureQueriesContext(connection) as together:
                at_once = queries.metric_tables(region, periods, by)
            _assert_same(at_once, alone)
            assert any(table for table in at_once)
        with CaptureQueriesContext(connection) as one_by_one:
            for p in periods:
                queries.metric_table(region, p, "touchpoint")
        if len(periods) > 1:  # one query per kind of fact, a TTFR query per period
            assert len(together) < len(one_by_one)
    values = queries.metric_tables(Slice(), [apart, WEEK], "region", ["CV-1"])
    assert [t[main_journey.region_id]["CV-1"].detail for t in values] == [
        queries.metric_table(Slice(), p, "region", ["CV-1"])[main_journey.region_id]["CV-1"].detail
        for p in (apart, WEEK)
    ]


def test_a_query_compiled_for_one_ask_answers_another_of_its_shape(touchpoints):
    """A table's queries are compiled once per shape; another week or unit runs the same
    statement with its own values and gets what a statement compiled for it gives."""
    earlier = Period(WEEK.start - timedelta(weeks=1), WEEK.start)
    for period, seed in ((earlier, 41), (WEEK, 42)):
        days = [period.start + timedelta(days=i) for i in range(7)]
        make_responses(touchpoints, 30, days, seed=seed)
        make_interactions(touchpoints, 30, days, seed=seed)
    asks = [(Slice(touchpoint=tp.pk), p) for tp in touchpoints[:2] for p in (earlier, WEEK)]
    compiled = [
        built
        for name, built in vars(queries).items()
        if name.endswith("_statement") and hasattr(built, "cache_clear")
    ]
    fresh = []
    for slice_, period in asks:
        for built in compiled:
            built.cache_clear()
        fresh.append(queries.metric_table(slice_, period, "channel"))
    hits = sum(built.cache_info().hits for built in compiled)
    reused = [queries.metric_table(slice_, period, "channel") for slice_, period in asks]
    assert sum(built.cache_info().hits for built in compiled) > hits
    _assert_same(reused, fresh)
    assert all(fresh) and len({repr(sorted(_plain([table]).items())) for table in fresh}) == 4


def test_a_table_of_enough_answers_leaves_small_groups_in_the_database(touchpoints):
    days = [WEEK.start + timedelta(days=i) for i in range(7)]
    rng = random.Random(14)
    many, few = touchpoints[0], touchpoints[1]
    for touchpoint, count in ((many, 31), (few, 5)):
        for _ in range(count):
            version = survey_for(touchpoint)
            response = do_submit_response(
                touchpoint=touchpoint,
                version=version,
                answers=_answers(version, rng),
                channel=ResponseChannel.QR,
                idempotency_key=uuid.uuid4(),
            ).response
            response.submitted_at = at(rng.choice(days), 12)
            response.save(update_fields=["submitted_at"])
    rollups.rebuild([rollups.SURVEYS])
    table = queries.metric_table(Slice(), WEEK, "touchpoint", ["NPS"], enough_only=True)
    assert set(table) == {many.pk}
    assert table[many.pk]["NPS"].n == 31


def test_facts_without_a_touchpoint_are_group_0_with_their_median(main_journey):
    opened = at(WEEK.start, 10)
    made = [
        Interaction(
            region_id=main_journey.region_id,
            channel="phone",
            opened_at=opened,
            first_response_at=opened + timedelta(seconds=wait),
        )
        for wait in (30, 90, 600)
    ]
    for interaction in made:
        interaction.derive()
    rollups.record(rollups.INTERACTIONS, [i.pk for i in Interaction.objects.bulk_create(made)])
    table = queries.metric_table(Slice(), WEEK, by="touchpoint", codes=["TTFR"])
    assert table[0]["TTFR"].n == 3
    assert table[0]["TTFR"].value == pytest.approx(90.0)
