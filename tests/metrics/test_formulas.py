"""Unit tests of the metric formulas (SPEC X1–X11, seed 002 App. 4).

Pure: no Django, no database. Every formula of App. 4 is checked against the seed's own
wording, and its one numeric worked example (IQS: 100 % and 77 %) is reproduced exactly.
"""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otklik.metrics.formulas import (
    CES_5_POINT_LABELS,
    CSAT_LABELS,
    CesBucket,
    CsatLevel,
    CsatSummary,
    IqsCategory,
    NpsBucket,
    TtfrSummary,
    WeeklySchedule,
    ces,
    ces_bucket,
    ces_mean,
    conversation_volume,
    csat,
    csat_delight,
    csat_distribution,
    csat_summary,
    escalation_rate,
    external_rating,
    fcr,
    iqs,
    iqs_overall,
    is_outside_working_hours,
    net_fcr,
    nps,
    nps_bucket,
    percent,
    quantile,
    quantiles,
    replies_per_conversation,
    resolution_rate,
    response_rate,
    round_half_up,
    share_outside_working_hours,
    ttfr_mean,
    ttfr_mean_from_total,
    ttfr_median,
    ttfr_p90,
    ttfr_summary,
)

counts = st.integers(min_value=0, max_value=10**9)


# ============================================================ X6 IQS — the worked example


def test_iqs_seed_example_all_good_is_100_percent() -> None:
    # App. 4: «Если бы все категории получили положительную оценку, то формула имела бы
    # следующий вид: 1,5 × 1 + 1 × 1 + 0,75 × 1 = 100%»
    categories = [
        IqsCategory(1.5, 1, critical=False),  # «знание услуг»
        IqsCategory(1, 1, critical=True),  # «грамотность речи», критична
        IqsCategory(0.75, 1, critical=False),  # «вежливость»
    ]
    assert iqs(categories) == 100.0


def test_iqs_seed_example_is_77_percent() -> None:
    # App. 4: «„знание услуг“ имеет больший коэффициент значимости 1,5 и получается оценку
    # „хорошо (1)“, „грамотность речи“ имеет коэффициент 1, он критичен и получает оценку
    # „хорошо (1)“, „вежливость“ имеет коэффициент 0,75 и получает оценку „плохо (0)“ …
    # 1,5 × 1 + 1 × 1 + 0,75 × 0 = 77%. Значит внутренний показатель качества сотрудника
    # равен 77%.»
    categories = [
        IqsCategory(1.5, 1, critical=False),
        IqsCategory(1, 1, critical=True),
        IqsCategory(0.75, 0, critical=False),
    ]
    value = iqs(categories)
    assert value is not None
    assert value == pytest.approx(2.5 / 3.25 * 100)  # 76.923…
    assert round_half_up(value) == 77  # the seed shows whole percents
    assert round_half_up(value, 1) == 76.9


def test_iqs_accepts_plain_tuples() -> None:
    assert iqs([(1.5, 1, False), (1, 1, True), (0.75, 0, False)]) == pytest.approx(76.923, abs=1e-3)


def test_iqs_failed_critical_category_makes_the_evaluation_zero() -> None:
    # App. 4: «Если при расчете такая категория получает отрицательную оценку, то ей
    # присваивается общее значение 0%.»
    categories = [
        IqsCategory(1.5, 1),
        IqsCategory(1, 0, critical=True),  # «грамотность речи» — «плохо (0)»
        IqsCategory(0.75, 1),
    ]
    assert iqs(categories) == 0.0


def test_iqs_critical_category_has_no_room_for_errors() -> None:
    # a partial mark on a critical category is a failure too («нет места ошибкам»)
    assert iqs([(1, 1, False), (1, 0.9, True)]) == 0.0
    assert iqs([(1, 1, False), (1, 0.5, False)]) == 75.0


def test_iqs_no_categories_is_no_data() -> None:
    assert iqs([]) is None
    assert iqs([(0, 1, False), (0, 0, False)]) is None


@pytest.mark.parametrize(
    "categories",
    [
        [(-1, 1, False)],
        [(1, 2, False)],
        [(1, -0.5, False)],
        [(1, float("nan"), False)],
        [(1, 1)],
    ],
)
def test_iqs_rejects_invalid_categories(categories: list[tuple[float, ...]]) -> None:
    with pytest.raises(ValueError):
        iqs(categories)  # type: ignore[arg-type]


def test_iqs_overall_is_mean_of_evaluations() -> None:
    # App. 4: «Такой анализ проводится с несколькими сотрудниками.»
    assert iqs_overall([100.0, 2.5 / 3.25 * 100, 0.0]) == pytest.approx(58.974, abs=1e-3)
    assert iqs_overall([77.0]) == 77.0
    assert iqs_overall([]) is None
    with pytest.raises(ValueError):
        iqs_overall([101.0])
    with pytest.raises(ValueError):
        iqs_overall([-1.0])


def test_round_half_up_rounds_halves_away_from_zero() -> None:
    assert round(76.5) == 76  # Python's banker's rounding — not what readers expect
    assert round_half_up(76.5) == 77
    assert round_half_up(2.675, 2) == 2.68
    assert round_half_up(-12.5) == -13
    with pytest.raises(ValueError):
        round_half_up(float("inf"))


# ============================================================ X1 NPS


@pytest.mark.parametrize(
    ("score", "bucket"),
    [
        (0, NpsBucket.DETRACTOR),
        (6, NpsBucket.DETRACTOR),
        (7, NpsBucket.PASSIVE),
        (8, NpsBucket.PASSIVE),
        (9, NpsBucket.PROMOTER),
        (10, NpsBucket.PROMOTER),
    ],
)
def test_nps_bucket_boundaries(score: int, bucket: NpsBucket) -> None:
    # App. 4: «Оцените по шкале от 0 до 10 вероятность того, что вы порекомендуете…»
    assert nps_bucket(score) is bucket


@pytest.mark.parametrize("score", [-1, 11, 7.5, True, "9", None])
def test_nps_bucket_rejects_scores_outside_the_scale(score: object) -> None:
    with pytest.raises(ValueError):
        nps_bucket(score)  # type: ignore[arg-type]


def test_nps_is_promoters_minus_detractors_percent() -> None:
    # 50 % promoters − 20 % detractors; passives only in the denominator
    assert nps(promoters=5, passives=3, detractors=2) == pytest.approx(30.0)
    assert nps(1, 1, 1) == pytest.approx(0.0)


def test_nps_from_raw_answers() -> None:
    answers = [10, 9, 9, 8, 7, 6, 3, 0, 10, 5]
    buckets = [nps_bucket(a) for a in answers]
    value = nps(
        buckets.count(NpsBucket.PROMOTER),
        buckets.count(NpsBucket.PASSIVE),
        buckets.count(NpsBucket.DETRACTOR),
    )
    assert value == pytest.approx(0.0)  # 4 promoters, 2 passives, 4 detractors


def test_nps_edges() -> None:
    assert nps(0, 0, 0) is None  # no answers → «нет данных», not 0
    assert nps(1, 0, 0) == 100.0  # one answer
    assert nps(0, 0, 1) == -100.0
    assert nps(0, 1, 0) == 0.0
    assert nps(250, 0, 0) == 100.0  # all promoters
    assert nps(0, 0, 250) == -100.0  # all detractors


@pytest.mark.parametrize("args", [(-1, 0, 0), (0, -1, 0), (0, 0, -1), (1.0, 0, 0)])
def test_nps_rejects_invalid_counts(args: tuple[int, int, int]) -> None:
    with pytest.raises(ValueError, match="promoters|passives|detractors"):
        nps(*args)


@given(counts, counts, counts)
def test_nps_is_always_within_plus_minus_100(p: int, n: int, d: int) -> None:
    value = nps(p, n, d)
    if p + n + d == 0:
        assert value is None
    else:
        assert value is not None
        assert -100.0 <= value <= 100.0


# ============================================================ X2 CES


def test_ces_is_easy_percent_minus_hard_percent() -> None:
    # App. 4: «из процента пользователей, которые ответили „Легко“, вычитается процент
    # тех, кто ответил „Сложно“»; «Затрудняюсь ответить» stays in the denominator.
    assert ces(easy=6, neutral=2, hard=2) == pytest.approx(40.0)
    assert ces(easy=1, neutral=2, hard=1) == pytest.approx(0.0)


def test_ces_edges() -> None:
    assert ces(0, 0, 0) is None
    assert ces(1, 0, 0) == 100.0  # one answer
    assert ces(0, 0, 1) == -100.0
    assert ces(0, 7, 0) == 0.0  # all neutral
    with pytest.raises(ValueError, match="hard"):
        ces(1, 1, -1)


def test_ces_five_point_scale_of_the_seed() -> None:
    # App. 4: «Возможные варианты ответа: „Очень легко“, „Легко“, „Затрудняюсь ответить“,
    # „Сложно“, „Очень сложно“ (… шкала … от „плохого“ к „хорошему“)»
    assert CES_5_POINT_LABELS == {
        1: "Очень сложно",
        2: "Сложно",
        3: "Затрудняюсь ответить",
        4: "Легко",
        5: "Очень легко",
    }
    buckets = {point: ces_bucket(point, 5) for point in CES_5_POINT_LABELS}
    assert buckets == {
        1: CesBucket.HARD,
        2: CesBucket.HARD,
        3: CesBucket.NEUTRAL,
        4: CesBucket.EASY,
        5: CesBucket.EASY,
    }


def test_ces_bucket_reversed_orientation() -> None:
    # a scale coded in the seed's listing order: 1 = «Очень легко»
    assert ces_bucket(1, 5, high_is_easy=False) is CesBucket.EASY
    assert ces_bucket(3, 5, high_is_easy=False) is CesBucket.NEUTRAL
    assert ces_bucket(5, 5, high_is_easy=False) is CesBucket.HARD


@pytest.mark.parametrize(
    ("scale", "expected"),
    [
        (2, "HE"),
        (3, "HNE"),
        (4, "HHEE"),
        (5, "HHNEE"),
        (6, "HHHEEE"),
        (7, "HHHNEEE"),
    ],
)
def test_ces_bucket_every_scale_from_2_to_7(scale: int, expected: str) -> None:
    # «в среднем шкала ответов может варьироваться 2-7 измерениями»; even scales have
    # no neutral midpoint
    letters = {CesBucket.HARD: "H", CesBucket.NEUTRAL: "N", CesBucket.EASY: "E"}
    got = "".join(letters[ces_bucket(p, scale)] for p in range(1, scale + 1))
    assert got == expected


@pytest.mark.parametrize(("score", "scale"), [(0, 5), (6, 5), (1, 1), (1, 8), (2.0, 5)])
def test_ces_bucket_rejects_invalid_points(score: int, scale: int) -> None:
    with pytest.raises(ValueError):
        ces_bucket(score, scale)


def test_ces_mean() -> None:
    assert ces_mean(total=4 + 5 + 3 + 2, count=4) == pytest.approx(3.5)
    assert ces_mean(Decimal("7"), 2) == 3.5  # PostgreSQL SUM may return Decimal
    assert ces_mean(0, 0) is None
    with pytest.raises(ValueError):
        ces_mean(3, 0)
    with pytest.raises(ValueError):
        ces_mean(-1, 2)
    assert ces_mean(7.5, 3) == 2.5


@pytest.mark.parametrize("total", [-0.5, float("nan"), float("inf"), True, "7", None])
def test_an_amount_that_is_not_a_finite_non_negative_number_is_rejected(total) -> None:
    with pytest.raises(ValueError, match="total"):
        ces_mean(total, 2)


@given(counts, counts, counts)
def test_ces_is_always_within_plus_minus_100(e: int, n: int, h: int) -> None:
    value = ces(e, n, h)
    if e + n + h == 0:
        assert value is None
    else:
        assert value is not None
        assert -100.0 <= value <= 100.0


@given(st.integers(2, 7), st.data())
def test_ces_bucket_orientation_is_a_mirror(scale: int, data: st.DataObject) -> None:
    point = data.draw(st.integers(1, scale))
    mirrored = scale + 1 - point
    assert ces_bucket(point, scale) is ces_bucket(mirrored, scale, high_is_easy=False)


# ============================================================ X3 CSAT


def test_csat_levels_have_the_seeds_labels() -> None:
    # App. 4, q. 2.1/3/3.1: «Нет, разочарован • Требуется улучшения • Ожидания совпали •
    # Превзошло ожидания • Значительно превзошло ожидания»
    assert [level.label for level in CsatLevel] == [
        "Нет, разочарован",
        "Требуется улучшения",
        "Ожидания совпали",
        "Превзошло ожидания",
        "Значительно превзошло ожидания",
    ]
    assert CSAT_LABELS[CsatLevel.MET] == "Ожидания совпали"


def test_csat_level_from_label_accepts_both_grammatical_forms() -> None:
    # q. 2 («…результат обращения…») says «Превзошел ожидания»
    assert CsatLevel.from_label("Превзошел ожидания") is CsatLevel.EXCEEDED
    assert CsatLevel.from_label("Превзошло ожидания") is CsatLevel.EXCEEDED
    assert CsatLevel.from_label(" значительно  превзошел ожидания") is CsatLevel.GREATLY_EXCEEDED
    with pytest.raises(ValueError):
        CsatLevel.from_label("Отлично")


def test_csat_share_at_met_or_above_delight_and_distribution() -> None:
    distribution = {
        CsatLevel.DISAPPOINTED: 1,
        CsatLevel.NEEDS_IMPROVEMENT: 1,
        CsatLevel.MET: 4,
        CsatLevel.EXCEEDED: 3,
        CsatLevel.GREATLY_EXCEEDED: 1,
    }
    assert csat(distribution) == pytest.approx(80.0)
    assert csat_delight(distribution) == pytest.approx(40.0)
    shares = csat_distribution(distribution)
    assert shares == pytest.approx(
        {
            CsatLevel.DISAPPOINTED: 10.0,
            CsatLevel.NEEDS_IMPROVEMENT: 10.0,
            CsatLevel.MET: 40.0,
            CsatLevel.EXCEEDED: 30.0,
            CsatLevel.GREATLY_EXCEEDED: 10.0,
        }
    )
    summary = csat_summary(distribution)
    assert isinstance(summary, CsatSummary)
    assert summary.n == 10
    assert summary.csat == pytest.approx(80.0)
    assert summary.delight == pytest.approx(40.0)
    assert summary.distribution == pytest.approx(shares)


def test_csat_accepts_integer_codes_and_missing_levels() -> None:
    assert csat({3: 1}) == 100.0  # one answer, «Ожидания совпали»
    assert csat_delight({3: 1}) == 0.0
    assert csat({1: 2, 5: 2}) == 50.0
    shares = csat_distribution({2: 1})
    assert shares is not None
    assert shares[CsatLevel.NEEDS_IMPROVEMENT] == 100.0
    assert shares[CsatLevel.MET] == 0.0
    assert len(shares) == 5


def test_csat_no_answers_is_no_data() -> None:
    assert csat({}) is None
    assert csat({CsatLevel.MET: 0}) is None
    assert csat_delight({}) is None
    assert csat_distribution({}) is None
    assert csat_summary({}) is None


@pytest.mark.parametrize(
    "distribution", [{0: 1}, {6: 1}, {"MET": 1}, {3: -1}, {3: 1.5}, {True: 1}, {3.0: 1}]
)
def test_csat_rejects_invalid_distribution(distribution: dict[object, object]) -> None:
    with pytest.raises(ValueError):
        csat(distribution)  # type: ignore[arg-type]


@given(st.dictionaries(st.sampled_from(list(CsatLevel)), counts))
def test_csat_delight_never_exceeds_csat(distribution: dict[CsatLevel, int]) -> None:
    summary = csat_summary(distribution)
    if sum(distribution.values()) == 0:
        assert summary is None
    else:
        assert summary is not None
        assert 0 <= summary.delight <= summary.csat <= 100
        assert sum(summary.distribution.values()) == pytest.approx(100.0)


# ============================================================ X4, X8, X9, X10


def test_resolution_rate() -> None:
    # App. 4: «кол-во решенных вопросов / кол-во полученных вопросов × 100»
    assert resolution_rate(resolved=45, received=60) == pytest.approx(75.0)
    assert resolution_rate(0, 10) == 0.0  # a real zero, not «no data»
    assert resolution_rate(0, 0) is None
    with pytest.raises(ValueError, match="resolved"):
        resolution_rate(11, 10)
    with pytest.raises(ValueError, match="received"):
        resolution_rate(0, -1)


def test_escalation_rate() -> None:
    # App. 4: «кол-во эскалированных вопросов / кол-во полученных вопросов × 100»
    assert escalation_rate(escalated=3, received=40) == pytest.approx(7.5)
    assert escalation_rate(0, 0) is None
    with pytest.raises(ValueError):
        escalation_rate(-1, 4)
    with pytest.raises(ValueError):
        escalation_rate(5, 4)


def test_fcr() -> None:
    # App. 4: «разделить количество заявок, закрытых в ходе первого обращения, на общее
    # количество запросов»
    assert fcr(resolved_first_contact=70, total=100) == pytest.approx(70.0)
    assert fcr(1, 1) == 100.0
    assert fcr(0, 0) is None
    with pytest.raises(ValueError):
        fcr(101, 100)


def test_net_fcr() -> None:
    # App. 4: «Net FCR = количество запросов, решенных при первом контакте / (общее
    # количество запросов – количество запросов, которые невозможно решить при первом
    # контакте)»
    assert net_fcr(70, 100, 20) == pytest.approx(87.5)
    assert net_fcr(70, 100, 0) == pytest.approx(fcr(70, 100))
    assert net_fcr(0, 5, 5) is None  # nothing was resolvable at first contact
    assert net_fcr(0, 0, 0) is None
    with pytest.raises(ValueError, match="not_resolvable"):
        net_fcr(0, 5, 6)
    with pytest.raises(ValueError, match="resolved_first_contact"):
        net_fcr(90, 100, 20)


def test_replies_per_conversation() -> None:
    # App. 4: «RPC = общее количество ответов на запросы / общее количество запросов»
    assert replies_per_conversation(replies=25, conversations=10) == pytest.approx(2.5)
    assert replies_per_conversation(0, 3) == 0.0
    assert replies_per_conversation(0, 0) is None
    with pytest.raises(ValueError):
        replies_per_conversation(4, 0)
    with pytest.raises(ValueError):
        replies_per_conversation(-1, 3)


# ============================================================ X11


def test_external_rating() -> None:
    assert external_rating(stars_sum=5 + 4 + 4 + 1, count=4) == pytest.approx(3.5)
    assert external_rating(Decimal("9.0"), 2) == 4.5
    assert external_rating(0, 0) is None
    assert external_rating(10, 1, max_stars=10) == 10.0
    with pytest.raises(ValueError):
        external_rating(6, 1)  # more than 5 stars
    with pytest.raises(ValueError):
        external_rating(-1, 1)


def test_response_rate() -> None:
    assert response_rate(responses=12, invitations=80) == pytest.approx(15.0)
    assert response_rate(0, 0) is None
    with pytest.raises(ValueError):
        response_rate(81, 80)


# ============================================================ X5 conversation volume


def test_conversation_volume_is_the_absolute_sum() -> None:
    # App. 4, CV-2: «сумма всех взаимодействий по электронной почте, в социальных сетях,
    # по телефону и в чате за определенный период времени»
    assert conversation_volume({"email": 12, "social": 30, "phone": 50, "chat": 8}) == 100
    assert conversation_volume([1, 2, 3]) == 6
    assert conversation_volume({}) == 0  # no mentions is a real 0
    with pytest.raises(ValueError, match="phone"):
        conversation_volume({"phone": -1})


def test_is_outside_working_hours_standard_week() -> None:
    schedule = WeeklySchedule.standard()  # Mon–Fri 9:00–18:00
    monday = date(2024, 3, 4)
    assert monday.weekday() == 0
    assert not is_outside_working_hours(datetime.combine(monday, time(9, 0)), schedule)
    assert not is_outside_working_hours(datetime.combine(monday, time(17, 59)), schedule)
    assert is_outside_working_hours(datetime.combine(monday, time(18, 0)), schedule)
    assert is_outside_working_hours(datetime.combine(monday, time(8, 59)), schedule)
    saturday = date(2024, 3, 9)
    assert is_outside_working_hours(datetime.combine(saturday, time(12, 0)), schedule)


def test_is_outside_working_hours_lunch_holidays_and_time_zone() -> None:
    holiday = date(2024, 3, 8)  # Международный женский день, a Friday
    working_saturday = date(2024, 4, 27)  # a transferred working Saturday
    schedule = WeeklySchedule(
        hours={d: ((time(9), time(13)), (time(14), time(18))) for d in range(5)},
        exceptions={holiday: (), working_saturday: ((time(9), time(17)),)},
        tz=ZoneInfo("Asia/Yekaterinburg"),  # UTC+5
    )
    tuesday = date(2024, 3, 5)
    assert is_outside_working_hours(datetime.combine(tuesday, time(13, 30)), schedule)
    assert not is_outside_working_hours(datetime.combine(tuesday, time(14, 0)), schedule)
    assert is_outside_working_hours(datetime.combine(holiday, time(10)), schedule)
    assert not is_outside_working_hours(datetime.combine(working_saturday, time(10)), schedule)
    # 05:00 UTC is 10:00 in Yekaterinburg — working; 14:00 UTC is 19:00 — not
    utc = UTC
    assert not is_outside_working_hours(datetime(2024, 3, 5, 5, 0, tzinfo=utc), schedule)
    assert is_outside_working_hours(datetime(2024, 3, 5, 14, 0, tzinfo=utc), schedule)


def test_weekly_schedule_rejects_bad_intervals() -> None:
    with pytest.raises(ValueError, match="midnight"):
        WeeklySchedule(hours={0: ((time(20), time(2)),)})
    with pytest.raises(ValueError, match="weekday"):
        WeeklySchedule(hours={7: ((time(9), time(18)),)})


def test_share_outside_working_hours() -> None:
    schedule = WeeklySchedule.standard()
    moments = [
        datetime(2024, 3, 4, 10),
        datetime(2024, 3, 4, 20),
        datetime(2024, 3, 9, 11),
        datetime(2024, 3, 5, 12),
    ]
    outside = sum(is_outside_working_hours(m, schedule) for m in moments)
    assert share_outside_working_hours(outside, len(moments)) == pytest.approx(50.0)
    assert share_outside_working_hours(0, 0) is None
    with pytest.raises(ValueError):
        share_outside_working_hours(3, 2)


# ============================================================ X7 TTFR


def test_ttfr_mean_sums_and_divides_by_all_requests() -> None:
    # App. 4: «суммировать общее количество времени до первой реакции и разделить на
    # количество всех запросов»
    assert ttfr_mean([60, 120, 180]) == pytest.approx(120.0)
    assert ttfr_mean([timedelta(minutes=1), timedelta(minutes=3)]) == pytest.approx(120.0)
    assert ttfr_mean([]) is None
    assert ttfr_mean_from_total(360, 3) == pytest.approx(120.0)
    assert ttfr_mean_from_total(0, 0) is None


def test_ttfr_median_is_robust_to_an_outlier() -> None:
    # App. 4: «Если в числе всех случаев есть уникальные (аномальные) – с большим временем
    # ожидания, то стоит рассчитать медиану, устойчивую к аномальным отклонениям.»
    waits = [60, 70, 80, 90, 100]
    with_outlier = [60, 70, 80, 90, 7 * 24 * 3600]  # one request waited a week
    assert ttfr_median(waits) == 80.0
    assert ttfr_median(with_outlier) == 80.0
    assert ttfr_mean(with_outlier) > 100 * ttfr_median(with_outlier)  # type: ignore[operator]


def test_ttfr_median_even_count_and_single_value() -> None:
    assert ttfr_median([10, 40, 20, 30]) == 25.0
    assert ttfr_median([42]) == 42.0
    assert ttfr_median([]) is None


def test_quantiles_sort_once_and_equal_each_quantile() -> None:
    values = [7, 1, 3, 3, 10, 2]
    assert quantiles(values, (0.5, 0.9, 0)) == tuple(quantile(values, q) for q in (0.5, 0.9, 0))
    assert quantiles([], (0.5, 0.9)) == (None, None)
    with pytest.raises(ValueError):
        quantiles(values, (0.5, 1.5))


def test_ttfr_p90_linear_interpolation() -> None:
    waits = list(range(1, 11))  # 1…10 seconds
    # position (10 − 1)·0.9 = 8.1 → 9 + 0.1·(10 − 9)
    assert ttfr_p90(waits) == pytest.approx(9.1)
    assert ttfr_p90([5]) == 5.0
    assert ttfr_p90([]) is None
    # the same method as statistics.quantiles(method="inclusive") / percentile_cont
    assert ttfr_p90(waits) == pytest.approx(
        statistics.quantiles(waits, n=10, method="inclusive")[8]
    )


def test_ttfr_summary() -> None:
    summary = ttfr_summary([timedelta(seconds=s) for s in (30, 10, 20, 40)])
    assert summary == TtfrSummary(n=4, mean=25.0, median=25.0, p90=37.0)
    assert ttfr_summary([]) is None


@pytest.mark.parametrize("bad", [[-1], [float("nan")], [float("inf")], ["60"]])
def test_ttfr_rejects_invalid_durations(bad: list[object]) -> None:
    for function in (ttfr_mean, ttfr_median, ttfr_p90, ttfr_summary):
        with pytest.raises(ValueError):
            function(bad)  # type: ignore[arg-type]


def test_quantile_bounds() -> None:
    assert quantile([3, 1, 2], 0) == 1
    assert quantile([3, 1, 2], 1) == 3
    with pytest.raises(ValueError):
        quantile([1], 1.5)


@given(st.lists(st.floats(0, 1e7, allow_nan=False), min_size=1, max_size=200))
def test_ttfr_median_and_p90_match_statistics_and_are_ordered(waits: list[float]) -> None:
    median = ttfr_median(waits)
    p90 = ttfr_p90(waits)
    mean = ttfr_mean(waits)
    assert median is not None and p90 is not None and mean is not None
    assert median == pytest.approx(statistics.median(waits))
    assert min(waits) <= median <= p90 <= max(waits)
    assert min(waits) <= mean * (1 + 1e-12) and mean <= max(waits) * (1 + 1e-12)


# ============================================================ helpers


def test_percent() -> None:
    assert percent(1, 4) == 25.0
    assert percent(0, 0) is None
    with pytest.raises(ValueError):
        percent(5, 4)
    with pytest.raises(ValueError):
        percent(True, 4)
