"""Unit tests of the drop-alert statistics (SPEC X12, seed App. 4: «главное — распознать падение»).

Pure: no Django, no database. Hand-computed values for the Wilson interval and the index
standard error; simulations with a fixed seed where the truth is known (a real drop is found,
no change gives about 1 − confidence false alarms, 6 answers never alarm); the direction of
«bad» for lower-is-better metrics; invalid input and degenerate samples.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable, Sequence
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otklik.metrics import formulas
from otklik.metrics.alerts import (
    BASELINE_WEEKS,
    DEFAULT_CONFIDENCE,
    DEFAULT_MIN_N,
    AlertStatus,
    DropCheck,
    IndexEstimate,
    MeanEstimate,
    ProportionEstimate,
    drop_alert,
    pool,
)

Z95 = 1.959963984540054  # the two-sided 95 % normal quantile

# --------------------------------------------------------------------------- samplers


def _rng(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 — reproducible simulation, not cryptography


def sample_index(rng: random.Random, n: int, p_pos: float, p_neg: float) -> IndexEstimate:
    """n answers, each +1 with p_pos, −1 with p_neg, else 0 (probabilities in whole %)."""
    pos, neg = round(p_pos * 100), round(p_neg * 100)
    population = (1,) * pos + (0,) * (100 - pos - neg) + (-1,) * neg
    draws = rng.choices(population, k=n)  # uniform choice: faster than cum_weights
    positive, negative = draws.count(1), draws.count(-1)
    return IndexEstimate(positive, n - positive - negative, negative)


def sample_proportion(rng: random.Random, n: int, p: float) -> ProportionEstimate:
    return ProportionEstimate(sum(rng.random() < p for _ in range(n)), n)


def sample_mean(rng: random.Random, n: int, draw: Callable[[random.Random], float]) -> MeanEstimate:
    values = [draw(rng) for _ in range(n)]
    return MeanEstimate(n, math.fsum(values), math.fsum(x * x for x in values))


def weekly_baseline(sampler: Callable[[], object], weeks: int = BASELINE_WEEKS):
    """A baseline the way the application builds one: weekly estimates, pooled."""
    return pool([sampler() for _ in range(weeks)])


def alarm_rate(checks: Sequence[DropCheck]) -> float:
    return sum(check.is_drop for check in checks) / len(checks)


# --------------------------------------------------------------------------- hand-computed


def test_index_value_variance_and_standard_error_by_hand():
    # 50 promoters, 30 passives, 20 detractors: p₊ = .5, p₋ = .2.
    est = IndexEstimate(50, 30, 20)
    assert est.n == 100
    assert est.value == pytest.approx(30.0)
    # p₊ + p₋ − (p₊ − p₋)² = .7 − .09 = .61 → 6100 points²
    assert est.variance == pytest.approx(6100.0)
    # 100 · √(.61 / 100) = √61
    assert est.standard_error == pytest.approx(math.sqrt(61))  # 7.8102…
    low, high = est.confidence_interval()
    assert low == pytest.approx(30 - Z95 * math.sqrt(61))  # 14.692…
    assert high == pytest.approx(30 + Z95 * math.sqrt(61))  # 45.307…


def test_index_standard_error_is_that_of_the_mean_of_the_scores():
    est = IndexEstimate(7, 2, 3)
    scores = [1] * 7 + [0] * 2 + [-1] * 3
    # the ML variance (÷ n) of the +1/0/−1 scores, × 100²
    assert est.variance == pytest.approx(statistics.pvariance(scores) * 10_000)
    assert est.standard_error == pytest.approx(statistics.pstdev(scores) * 100 / math.sqrt(12))


def test_index_matches_the_nps_and_ces_formulas():
    assert IndexEstimate(9, 4, 7).value == pytest.approx(formulas.nps(9, 4, 7))
    assert IndexEstimate(9, 4, 7).value == pytest.approx(formulas.ces(9, 4, 7))


def test_wilson_interval_by_hand():
    # 81 of 100 at 95 %: z² = 3.841459; centre = (.81 + z²/200) / (1 + z²/100) = .798530;
    # half = z·√(.81·.19/100 + z²/40000) / (1 + z²/100) = .076321.
    low, high = ProportionEstimate(81, 100).confidence_interval(0.95)
    assert low == pytest.approx(72.2209, abs=1e-3)
    assert high == pytest.approx(87.4852, abs=1e-3)
    # 0 of 10: [0, z²/n / (1 + z²/n)] = [0, .384146 / 1.384146] = [0 %, 27.753 %]
    low, high = ProportionEstimate(0, 10).confidence_interval()
    assert low == 0.0
    assert high == pytest.approx(27.7533, abs=1e-3)
    # 10 of 10 is the mirror image
    low, high = ProportionEstimate(10, 10).confidence_interval()
    assert low == pytest.approx(72.2467, abs=1e-3)
    assert high == 100.0
    # 90 % confidence is narrower (z = 1.644854): 81/100 → [73.76 %, 86.60 %]
    low, high = ProportionEstimate(81, 100).confidence_interval(0.90)
    assert low == pytest.approx(73.7640, abs=1e-3)
    assert high == pytest.approx(86.6027, abs=1e-3)


def test_proportion_value_variance_and_standard_error_by_hand():
    est = ProportionEstimate(30, 40)
    assert est.n == 40
    assert est.value == pytest.approx(75.0)
    assert est.value == pytest.approx(formulas.percent(30, 40))
    assert est.variance == pytest.approx(0.75 * 0.25 * 10_000)
    assert est.standard_error == pytest.approx(100 * math.sqrt(0.75 * 0.25 / 40))


def test_mean_by_hand():
    values = [2, 4, 4, 4, 5, 5, 7, 9]  # mean 5, Σ(x − 5)² = 32
    est = MeanEstimate(len(values), sum(values), sum(x * x for x in values))
    assert est.value == pytest.approx(5.0)
    assert est.value == pytest.approx(formulas.ces_mean(sum(values), len(values)))
    assert est.variance == pytest.approx(32 / 7)
    assert est.variance == pytest.approx(statistics.variance(values))
    assert est.standard_error == pytest.approx(math.sqrt(32 / 7 / 8))
    low, high = est.confidence_interval()
    assert (low, high) == pytest.approx(
        (5 - Z95 * est.standard_error, 5 + Z95 * est.standard_error)
    )
    assert MeanEstimate.from_values(values) == est


def test_mean_accepts_database_decimals():
    est = MeanEstimate(4, Decimal("10.5"), Decimal("29.75"))  # 1.5, 2.5, 3, 3.5
    assert est.value == pytest.approx(2.625)
    assert est.variance == pytest.approx(statistics.variance([1.5, 2.5, 3, 3.5]))
    assert isinstance(est.total, float)


def test_mean_of_identical_values_has_exactly_zero_variance():
    est = MeanEstimate.from_values([0.1] * 300)
    assert est.variance == 0.0
    assert est.confidence_interval() == (pytest.approx(0.1), pytest.approx(0.1))
    assert MeanEstimate(1, 4, 16).variance is None  # one observation: no sample variance


def test_no_data_is_none_not_zero():
    for empty in (IndexEstimate(0, 0, 0), ProportionEstimate(0, 0), MeanEstimate(0, 0, 0)):
        assert empty.n == 0
        assert empty.value is None
        assert empty.variance is None
        assert empty.standard_error is None
        assert empty.confidence_interval() is None


# --------------------------------------------------------------------------- pooling, periods


@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 500), st.integers(0, 500)),
        min_size=1,
        max_size=10,
    )
)
def test_pooled_index_is_the_estimate_of_all_answers(weeks):
    pooled = pool(IndexEstimate(*week) for week in weeks)
    assert pooled == IndexEstimate(*(sum(column) for column in zip(*weeks, strict=True)))


def test_pooled_mean_is_the_estimate_of_all_values():
    rng = _rng(1)
    weeks = [[rng.uniform(0, 600) for _ in range(rng.randrange(1, 50))] for _ in range(8)]
    pooled = pool(MeanEstimate.from_values(week) for week in weeks)
    everything = MeanEstimate.from_values(v for week in weeks for v in week)
    assert pooled.n == everything.n
    assert pooled.value == pytest.approx(everything.value)
    assert pooled.variance == pytest.approx(everything.variance)


def test_pool_of_proportions_and_of_nothing():
    assert pool([ProportionEstimate(3, 10), ProportionEstimate(5, 7)]) == ProportionEstimate(8, 17)
    assert pool([], kind=MeanEstimate) == MeanEstimate(0, 0, 0)
    assert pool([], kind=ProportionEstimate).value is None


def test_pool_rejects_mixed_kinds_and_unknown_input():
    with pytest.raises(ValueError, match="cannot pool"):
        pool([IndexEstimate(1, 2, 3), ProportionEstimate(1, 2)])
    with pytest.raises(ValueError, match="cannot pool"):
        pool([IndexEstimate(1, 2, 3)], kind=MeanEstimate)
    with pytest.raises(ValueError, match="nothing to pool"):
        pool([])
    with pytest.raises(ValueError, match="not an estimate"):
        pool([(1, 2, 3)])
    with pytest.raises(ValueError, match="kind"):
        pool([], kind=dict)


# --------------------------------------------------------------------------- simulations


def test_a_real_nps_drop_of_20_points_is_found():
    # Baseline NPS 30 (50 % promoters, 20 % detractors), now NPS 10: n = 400 a week.
    rng = _rng(20250310)
    checks = [
        drop_alert(
            sample_index(rng, 400, 0.40, 0.30),
            weekly_baseline(lambda: sample_index(rng, 400, 0.50, 0.20)),
        )
        for _ in range(200)
    ]
    assert alarm_rate(checks) >= 0.95
    assert all(check.status is not AlertStatus.TOO_FEW for check in checks)
    # the estimated change is centred on the true −20 points
    assert statistics.fmean(check.change for check in checks) == pytest.approx(-20, abs=1)


def test_no_change_raises_about_five_percent_false_alarms():
    rng = _rng(42)
    checks = [
        drop_alert(sample_index(rng, 400, 0.5, 0.2), sample_index(rng, 3200, 0.5, 0.2))
        for _ in range(1000)
    ]
    rate = alarm_rate(checks)
    assert 0.02 <= rate <= 0.08  # nominal 1 − confidence = 5 %
    # the p-values of a true null are about uniform
    assert statistics.fmean(check.p_value for check in checks) == pytest.approx(0.5, abs=0.05)


def test_no_change_false_alarms_at_other_confidence_levels():
    rng = _rng(7)
    pairs = [
        (sample_index(rng, 200, 0.5, 0.2), sample_index(rng, 1600, 0.5, 0.2)) for _ in range(600)
    ]
    at_90 = alarm_rate([drop_alert(c, b, confidence=0.90) for c, b in pairs])
    at_99 = alarm_rate([drop_alert(c, b, confidence=0.99) for c, b in pairs])
    assert 0.05 <= at_90 <= 0.15
    assert at_99 <= 0.03


def test_proportion_drop_found_and_false_alarms_controlled():
    rng = _rng(3)
    # CSAT 80 % → 70 %, n = 300 now, 8 × 300 baseline: found nearly always.
    found = [
        drop_alert(sample_proportion(rng, 300, 0.70), sample_proportion(rng, 2400, 0.80))
        for _ in range(100)
    ]
    assert alarm_rate(found) >= 0.95
    # CSAT unchanged at 80 %: about 5 % false alarms.
    null = [
        drop_alert(sample_proportion(rng, 300, 0.80), sample_proportion(rng, 2400, 0.80))
        for _ in range(400)
    ]
    assert alarm_rate(null) <= 0.09


def test_ttfr_rise_is_a_drop_and_steady_ttfr_is_not():
    rng = _rng(11)

    def wait(mean_seconds: float) -> Callable[[random.Random], float]:
        return lambda r: r.expovariate(1 / mean_seconds)

    # TTFR mean 600 s → 1000 s, 100 conversations a week: a rise, lower is better → drop.
    rises = [
        drop_alert(
            sample_mean(rng, 100, wait(1000)),
            weekly_baseline(lambda: sample_mean(rng, 100, wait(600))),
            higher_is_better=False,
        )
        for _ in range(60)
    ]
    assert alarm_rate(rises) >= 0.95
    assert all(check.change > 0 for check in rises if check.is_drop)
    # unchanged TTFR (skewed exponential waits): false alarms stay near 5 %
    steady = [
        drop_alert(
            sample_mean(rng, 100, wait(600)),
            sample_mean(rng, 800, wait(600)),
            higher_is_better=False,
        )
        for _ in range(200)
    ]
    assert alarm_rate(steady) <= 0.10


def test_six_answers_never_raise_an_alarm():
    rng = _rng(6)
    # even a collapse (NPS 30 → −60) shows «мало ответов» with 6 answers, never a drop
    for _ in range(300):
        check = drop_alert(sample_index(rng, 6, 0.1, 0.7), sample_index(rng, 3200, 0.5, 0.2))
        assert check.status is AlertStatus.TOO_FEW
        assert not check.is_drop
        assert check.z is None and check.p_value is None and check.change_ci is None
        assert check.current_n == 6


def test_too_few_in_either_period_and_the_boundary():
    worst, good = IndexEstimate(0, 0, 40), IndexEstimate(40, 0, 0)
    assert drop_alert(IndexEstimate(0, 0, 6), good).status is AlertStatus.TOO_FEW
    assert drop_alert(worst, IndexEstimate(6, 0, 0)).status is AlertStatus.TOO_FEW
    assert drop_alert(worst, IndexEstimate(29, 0, 0)).status is AlertStatus.TOO_FEW
    assert drop_alert(worst, IndexEstimate(30, 0, 0)).status is AlertStatus.DROP  # n = min_n
    assert drop_alert(worst, good, min_n=41).status is AlertStatus.TOO_FEW
    assert drop_alert(IndexEstimate(0, 0, 6), good, min_n=5).status is AlertStatus.DROP
    check = drop_alert(ProportionEstimate(2, 6), ProportionEstimate(900, 1000))
    assert check.status is AlertStatus.TOO_FEW
    assert check.current == pytest.approx(100 / 3) and check.baseline == pytest.approx(90.0)
    assert check.change == pytest.approx(100 / 3 - 90)
    # no answers at all: no data, and no alarm
    empty = drop_alert(ProportionEstimate(0, 0), ProportionEstimate(900, 1000))
    assert empty.status is AlertStatus.TOO_FEW
    assert empty.current is None and empty.change is None and empty.current_ci is None


# --------------------------------------------------------------------------- direction

counts = st.integers(0, 400)


@given(counts, counts, counts, counts, counts, counts)
def test_a_rise_is_never_a_drop_when_higher_is_better(a, b, c, d, e, f):
    current, baseline = IndexEstimate(a, b, c), IndexEstimate(d, e, f)
    check = drop_alert(current, baseline)
    if check.change is not None and check.change >= 0:
        assert check.status is not AlertStatus.DROP
    if check.is_drop:
        assert check.change < 0
        assert check.p_value < 1 - DEFAULT_CONFIDENCE


@given(st.integers(0, 500), st.integers(1, 500), st.integers(0, 5000), st.integers(1, 5000))
def test_proportion_direction_and_p_values(part1, whole1, part2, whole2):
    current = ProportionEstimate(min(part1, whole1), whole1)
    baseline = ProportionEstimate(min(part2, whole2), whole2)
    up = drop_alert(current, baseline, higher_is_better=True)
    down = drop_alert(current, baseline, higher_is_better=False)
    assert up.change == down.change
    assert not (up.is_drop and down.is_drop)  # one-sided: at most one direction is bad
    if up.status is not AlertStatus.TOO_FEW:
        assert up.p_value + down.p_value == pytest.approx(1.0)
        assert up.z == down.z
        low, high = up.change_ci
        assert low <= up.change <= high
        if up.is_drop:
            assert up.change < 0
        if down.is_drop:
            assert down.change > 0


def test_lower_is_better_metrics_drop_when_they_rise():
    # ER 5 % → 15 %: a rise of escalations is a drop.
    check = drop_alert(
        ProportionEstimate(60, 400), ProportionEstimate(160, 3200), higher_is_better=False
    )
    assert check.is_drop
    assert check.change == pytest.approx(10.0)
    # and its fall is good news, not an alarm
    check = drop_alert(
        ProportionEstimate(5, 400), ProportionEstimate(160, 3200), higher_is_better=False
    )
    assert check.status is AlertStatus.NO_DROP
    # the same fall of a higher-is-better proportion is an alarm
    assert drop_alert(ProportionEstimate(5, 400), ProportionEstimate(160, 3200)).is_drop
    # RpC 2 → 3 replies per conversation
    rpc_now = MeanEstimate.from_values([2, 3, 4] * 50)
    rpc_before = MeanEstimate.from_values([1, 2, 3] * 400)
    assert drop_alert(rpc_now, rpc_before, higher_is_better=False).is_drop
    assert not drop_alert(rpc_now, rpc_before, higher_is_better=True).is_drop


def test_a_large_rise_of_nps_is_not_an_alarm():
    check = drop_alert(IndexEstimate(400, 0, 0), IndexEstimate(0, 0, 3200))
    assert check.status is AlertStatus.NO_DROP
    assert check.change == pytest.approx(200.0)
    assert check.p_value == pytest.approx(1.0)


# --------------------------------------------------------------------------- the check itself


def test_drop_check_fields_by_hand():
    # NPS 30 (baseline 3200: 1600/960/640) → NPS 10 (400: 160/120/120).
    current, baseline = IndexEstimate(160, 120, 120), IndexEstimate(1600, 960, 640)
    check = drop_alert(current, baseline)
    se = math.hypot(current.standard_error, baseline.standard_error)
    # current: var = .7 − .1² = .69 → SE = √(.69/400)·100; baseline: .61 → √(.61/3200)·100
    assert se == pytest.approx(100 * math.sqrt(0.69 / 400 + 0.61 / 3200))
    assert check.status is AlertStatus.DROP
    assert check.current == pytest.approx(10.0) and check.baseline == pytest.approx(30.0)
    assert check.change == pytest.approx(-20.0)
    assert check.z == pytest.approx(-20 / se)
    assert check.p_value == pytest.approx(statistics.NormalDist().cdf(-20 / se))
    assert check.change_ci == pytest.approx((-20 - Z95 * se, -20 + Z95 * se))
    assert check.current_ci == pytest.approx(current.confidence_interval(0.95))
    assert (check.current_n, check.baseline_n) == (400, 3200)
    assert (check.confidence, check.min_n, check.higher_is_better) == (0.95, DEFAULT_MIN_N, True)


def test_proportion_test_uses_the_pooled_standard_error():
    # 70/100 now vs 800/1000 before; pooled p̂ = 870/1100.
    check = drop_alert(ProportionEstimate(70, 100), ProportionEstimate(800, 1000))
    p = 870 / 1100
    pooled_se = 100 * math.sqrt(p * (1 - p) * (1 / 100 + 1 / 1000))
    unpooled_se = 100 * math.sqrt(0.7 * 0.3 / 100 + 0.8 * 0.2 / 1000)
    assert check.z == pytest.approx(-10 / pooled_se)  # −2.335…
    assert check.change_ci == pytest.approx((-10 - Z95 * unpooled_se, -10 + Z95 * unpooled_se))
    assert check.is_drop
    assert check.current_ci == pytest.approx(ProportionEstimate(70, 100).confidence_interval())


def test_the_test_is_one_sided():
    # 87.5 % vs 91.25 %: z ≈ −1.73, significant one-sided at 5 % (z < −1.645), though the
    # two-sided 95 % interval of the change reaches over 0
    current, baseline = ProportionEstimate(175, 200), ProportionEstimate(1460, 1600)
    check = drop_alert(current, baseline)
    assert -1.96 < check.z < -1.645
    assert check.is_drop
    assert check.change_ci[1] > 0
    # and not significant at 99 %
    assert drop_alert(current, baseline, confidence=0.99).status is AlertStatus.NO_DROP


# --------------------------------------------------------------------------- edge cases


def test_all_neutral_answers_have_zero_variance_and_no_alarm():
    neutral_now, neutral_before = IndexEstimate(0, 50, 0), IndexEstimate(0, 800, 0)
    assert neutral_now.value == 0.0
    assert neutral_now.variance == 0.0
    assert neutral_now.standard_error == 0.0
    assert neutral_now.confidence_interval() == (0.0, 0.0)
    check = drop_alert(neutral_now, neutral_before)
    assert check.status is AlertStatus.NO_DROP
    assert check.change == 0.0 and check.z == 0.0 and check.p_value == 0.5


def test_all_answers_identical_in_both_periods():
    # all promoters before, all neutral now: a certain fall of 100 points
    check = drop_alert(IndexEstimate(0, 40, 0), IndexEstimate(800, 0, 0))
    assert check.is_drop
    assert check.z == -math.inf and check.p_value == 0.0
    assert check.change_ci == (-100.0, -100.0)
    # the same identical answers in both: no change, no alarm
    same = drop_alert(MeanEstimate.from_values([5] * 40), MeanEstimate.from_values([5] * 320))
    assert same.status is AlertStatus.NO_DROP and same.z == 0.0
    # 100 % both times: the pooled SE is 0 and nothing changed
    full = drop_alert(ProportionEstimate(40, 40), ProportionEstimate(400, 400))
    assert full.status is AlertStatus.NO_DROP and full.z == 0.0
    # certain rise of a lower-is-better metric: TTFR always 60 s before, always 120 s now
    slower = drop_alert(
        MeanEstimate.from_values([120] * 30),
        MeanEstimate.from_values([60] * 240),
        higher_is_better=False,
    )
    assert slower.is_drop and slower.z == math.inf and slower.p_value == 0.0


def test_zero_baseline_variance_with_a_change():
    # every baseline answer a promoter (variance 0); now 3 of 40 are passives
    baseline = IndexEstimate(3200, 0, 0)
    assert baseline.variance == 0.0
    small_dip = drop_alert(IndexEstimate(37, 3, 0), baseline)
    assert math.isfinite(small_dip.z)  # the current period's own variance carries the test
    assert small_dip.z == pytest.approx(-7.5 / IndexEstimate(37, 3, 0).standard_error)
    assert small_dip.status is AlertStatus.DROP  # z ≈ −1.8
    assert drop_alert(IndexEstimate(39, 1, 0), baseline).status is AlertStatus.NO_DROP  # z ≈ −1.0
    # external rating: always 5 stars before, a few 4-star reviews now
    stars_before = MeanEstimate.from_values([5] * 300)
    stars_now = MeanEstimate.from_values([5] * 30 + [4] * 10)
    check = drop_alert(stars_now, stars_before)
    assert check.is_drop
    assert check.z == pytest.approx(-0.25 / stars_now.standard_error)
    # a proportion at 100 % before: the pooled SE is positive as soon as now differs
    check = drop_alert(ProportionEstimate(90, 100), ProportionEstimate(1000, 1000))
    assert math.isfinite(check.z) and check.is_drop


def test_wilson_interval_stays_in_range_and_contains_the_estimate():
    @given(st.integers(0, 2000), st.integers(1, 2000), st.floats(0.5, 0.999))
    def check(part, whole, confidence):
        est = ProportionEstimate(min(part, whole), whole)
        low, high = est.confidence_interval(confidence)
        assert 0.0 <= low <= est.value + 1e-9
        assert est.value - 1e-9 <= high <= 100.0

    check()


# --------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    "make",
    [
        lambda: IndexEstimate(-1, 0, 0),
        lambda: IndexEstimate(1, 2.0, 0),
        lambda: IndexEstimate(True, 0, 0),
        lambda: IndexEstimate(1, 1, "3"),
        lambda: ProportionEstimate(5, 4),
        lambda: ProportionEstimate(-1, 4),
        lambda: ProportionEstimate(1, 4.0),
        lambda: MeanEstimate(-1, 0, 0),
        lambda: MeanEstimate(2.0, 3, 5),
        lambda: MeanEstimate(0, 1, 1),  # a sum without observations
        lambda: MeanEstimate(3, 6, 11),  # Σx² < (Σx)²/n = 12
        lambda: MeanEstimate(1, 3, 10),  # one value: Σx² must be (Σx)²
        lambda: MeanEstimate(3, 6, -1),
        lambda: MeanEstimate(3, math.nan, 14),
        lambda: MeanEstimate(3, 6, math.inf),
        lambda: MeanEstimate(3, Decimal("NaN"), 14),
        lambda: MeanEstimate(3, "6", 14),
        lambda: MeanEstimate.from_values([1.0, math.nan]),
    ],
)
def test_invalid_estimates_raise_value_error(make):
    with pytest.raises(ValueError):
        make()


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1, math.nan, True, "0.95", None])
def test_invalid_confidence_raises_value_error(confidence):
    with pytest.raises(ValueError, match="confidence"):
        drop_alert(IndexEstimate(10, 10, 10), IndexEstimate(10, 10, 10), confidence=confidence)
    with pytest.raises(ValueError, match="confidence"):
        ProportionEstimate(1, 2).confidence_interval(confidence)


@pytest.mark.parametrize("min_n", [1, 0, -5, 30.0, True, None])
def test_invalid_min_n_raises_value_error(min_n):
    with pytest.raises(ValueError, match="min_n"):
        drop_alert(IndexEstimate(10, 10, 10), IndexEstimate(10, 10, 10), min_n=min_n)


def test_invalid_drop_alert_arguments_raise_value_error():
    index, share = IndexEstimate(10, 10, 10), ProportionEstimate(1, 2)
    with pytest.raises(ValueError, match="same kind"):
        drop_alert(index, share)
    with pytest.raises(ValueError, match="same kind"):
        drop_alert(MeanEstimate(1, 2, 4), index)
    with pytest.raises(ValueError, match="estimate"):
        drop_alert((10, 10, 10), index)
    with pytest.raises(ValueError, match="higher_is_better"):
        drop_alert(index, index, higher_is_better=1)


def test_estimates_are_frozen():
    est = IndexEstimate(1, 2, 3)
    with pytest.raises(AttributeError):
        est.positive = 5
    check = drop_alert(est, est, min_n=2)
    with pytest.raises(AttributeError):
        check.status = AlertStatus.DROP
    assert isinstance(AlertStatus.DROP, str) and AlertStatus.TOO_FEW == "too_few"
