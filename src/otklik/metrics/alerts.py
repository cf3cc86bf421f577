"""Drop alerts: has a metric fallen significantly against its own recent baseline? (SPEC X12)

App. 4 (CES): «главное — распознать падение». Every metric of a slice is compared with its
own *baseline* — by default the previous 8 weeks pooled (``slices.baseline`` and
:func:`pool`) — and raises an alert only when the fall is statistically significant and both
periods have at least a minimum sample (``min_n``, default 30). Below the minimum sample there
is no test at all: the status is ``TOO_FEW`` and the interface says «мало ответов» instead of
a figure, so a touchpoint with 6 answers never raises a false alarm.

Conventions are those of :mod:`otklik.metrics.formulas`: pure Python 3.11, standard library
only (``statistics.NormalDist`` for the normal distribution), inputs are aggregated counts and
sums straight from the database (no rows), ``None`` means «нет данных», invalid input raises
``ValueError`` naming the argument. Values are in the metric's own units: index points
(−100…100) for NPS and CES, percent (0–100) for the proportions, the native unit (points,
stars, replies, seconds) for the means; a change is ``current − baseline`` in those units.

Three kinds of estimate of one period, one frozen dataclass each:

* :class:`IndexEstimate` — NPS and CES, from the counts ``(positive, neutral, negative)``
  (promoters/passives/detractors; «легко»/midpoint/«сложно»). Each answer scores +1, 0 or −1
  and the index is 100 × their mean, ``(pos − neg) / n × 100``. The variance of one answer is
  ``p₊ + p₋ − (p₊ − p₋)²`` (×100² in points²), the standard error ``100·√(that / n)``. The
  interval of the value is the normal (Wald) one, clipped to −100…100.
* :class:`ProportionEstimate` — CSAT, RR, FCR, Net FCR, ER, response rate, from
  ``(part, whole)`` (for Net FCR the whole is ``total − not resolvable``). The interval of the
  value is the Wilson score interval, which stays inside 0–100 % and keeps its coverage near
  0 % and 100 %, where the Wald interval collapses.
* :class:`MeanEstimate` — CES mean score, external rating, replies per conversation, TTFR
  mean, from ``(n, total, sum_squares)`` = ``COUNT(x), SUM(x), SUM(x*x)``. The sample variance
  ``(Σx² − (Σx)²/n) / (n − 1)`` is computed exactly (with :class:`fractions.Fraction`) from the
  given sums, so identical answers give a variance of exactly 0. The interval of the value is
  the *normal* one, mean ± z·SE, not Student's t: the standard library has no t distribution,
  and the interval only matters when a test is made, i.e. for n ≥ ``min_n`` ≥ 30 by default,
  where t and z differ by under 4 % of the width (t₀.₉₇₅,₂₉ = 2.045 vs z = 1.960).

The test (:func:`drop_alert`) is a Welch-type z test on the difference of two independent
estimates, current period vs baseline (the baseline weeks do not include the current week, so
the samples are independent). It is *one-sided* at level α = 1 − ``confidence``: only a change
in the bad direction can be a drop (a fall for ``higher_is_better`` metrics, a rise for ER,
TTFR and RpC — see ``higher_is_better`` in :mod:`otklik.metrics.catalogue`), and a rise of a
higher-is-better metric is never an alarm however large. The statistic is
``z = change / SE``; the p-value is ``P(Z ≤ z)`` when higher is better and ``P(Z ≥ z)``
otherwise; the status is ``DROP`` when ``p < α``.

* Index and mean metrics: ``SE = √(SE_current² + SE_baseline²)`` — the unpooled (Welch)
  standard error, because equal means do not imply equal variances (the same NPS can come
  from many passives or from promoters and detractors in balance; a TTFR mean does not fix its
  spread). With thousands of baseline answers and n ≥ 30 now, the normal approximation of the
  Welch statistic is adequate (the t correction is of the same small size as above).
* Proportions: the test uses the *pooled* standard error
  ``√(p̂(1 − p̂)(1/n₁ + 1/n₂))`` with ``p̂ = (x₁ + x₂)/(n₁ + n₂)`` — the classic two-proportion
  z (score) test: under the null hypothesis of no change the variance is fixed by the common
  proportion, which is estimated better from both samples. The confidence interval of the
  change must not assume there is no change, so it uses the unpooled SE
  ``√(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂)``.

When the standard error of the test is 0 (both periods have identical answers throughout)
a zero change gives z = 0 (p = 0.5, no drop) and a non-zero change z = ±∞ (a certain
difference: p = 0 in the bad direction, i.e. a drop).

The interval of the change (``DropCheck.change_ci``) is the usual two-sided interval at
``confidence`` (change ± z₍₁₊c₎/₂·SE, unpooled SE). The drop decision is one-sided at
1 − ``confidence``, which for index and mean metrics is the same as the two-sided interval at
1 − 2α lying entirely on the bad side; so a change flagged at 95 % may have a 95 % interval
that just reaches 0 — the test is deliberately more sensitive than «the interval excludes 0»,
because only falls are tested.

The baseline pools the counts and sums of the previous weeks (:func:`pool`: counts and sums
add) rather than averaging the weekly values: weeks with more answers weigh more, and the
baseline's standard error reflects all of its answers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from numbers import Real
from statistics import NormalDist
from typing import TypeVar

from otklik.metrics import formulas

__all__ = [
    "BASELINE_WEEKS",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_MIN_N",
    "AlertStatus",
    "DropCheck",
    "Estimate",
    "IndexEstimate",
    "Interval",
    "MeanEstimate",
    "ProportionEstimate",
    "drop_alert",
    "pool",
]

#: Weeks in the default baseline before the week being checked.
BASELINE_WEEKS = 8
#: Default confidence level: intervals at 95 %, the one-sided test at α = 5 %.
DEFAULT_CONFIDENCE = 0.95
#: Default minimum sample of each period; fewer answers → ``TOO_FEW`` («мало ответов»).
DEFAULT_MIN_N = 30

#: A confidence interval ``(low, high)`` in the metric's units.
Interval = tuple[float, float]

_STANDARD_NORMAL = NormalDist()
_count = formulas._count  # the same rule for counts as the formulas

# --------------------------------------------------------------------------- validation


def _number(name: str, value: object) -> float:
    """A finite real number (int, float or Decimal) as ``float``; negatives allowed."""
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return result


def _confidence(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"confidence must be a number between 0 and 1, got {value!r}")
    result = float(value)
    if not 0 < result < 1:  # also rejects NaN
        raise ValueError(f"confidence must be strictly between 0 and 1, got {value!r}")
    return result


def _z_two_sided(confidence: float) -> float:
    """The normal quantile z with P(−z ≤ Z ≤ z) = ``confidence``."""
    return _STANDARD_NORMAL.inv_cdf((1 + confidence) / 2)


# --------------------------------------------------------------------------- estimates


@dataclass(frozen=True, slots=True)
class IndexEstimate:
    """NPS or CES of one period from its answer counts (each answer +1, 0 or −1).

    ``positive`` — promoters (NPS 9–10) or «легко» (CES); ``neutral`` — passives (7–8) or the
    midpoint; ``negative`` — detractors (0–6) or «сложно». The value is in index points,
    −100…100, exactly :func:`otklik.metrics.formulas.nps` / ``ces``.
    """

    positive: int
    neutral: int
    negative: int

    def __post_init__(self) -> None:
        _count("positive", self.positive)
        _count("neutral", self.neutral)
        _count("negative", self.negative)

    @property
    def n(self) -> int:
        """Number of answers."""
        return self.positive + self.neutral + self.negative

    @property
    def value(self) -> float | None:
        """``(positive − negative) / n × 100``; ``None`` with no answers."""
        if self.n == 0:
            return None
        return (self.positive - self.negative) / self.n * 100

    @property
    def variance(self) -> float | None:
        """Variance of one answer in points²: ``(p₊ + p₋ − (p₊ − p₋)²) × 100²``.

        The maximum-likelihood (÷ n) variance of the +1/0/−1 scores, the analogue of
        p(1 − p) for a proportion. ``None`` with no answers.
        """
        n = self.n
        if n == 0:
            return None
        # Exact in integers: n·(pos + neg) − (pos − neg)² over n².
        numerator = n * (self.positive + self.negative) - (self.positive - self.negative) ** 2
        return numerator / (n * n) * 10_000

    @property
    def standard_error(self) -> float | None:
        """Standard error of the value in points; ``None`` with no answers."""
        variance = self.variance
        if variance is None:
            return None
        return math.sqrt(variance / self.n)

    def confidence_interval(self, confidence: float = DEFAULT_CONFIDENCE) -> Interval | None:
        """Normal (Wald) interval of the value at ``confidence``, clipped to −100…100.

        With no answers ``None``. With answers that are all identical the interval has width
        0 (the Wald interval cannot do better; a drop alert requires ``min_n`` answers anyway).
        """
        confidence = _confidence(confidence)
        value, se = self.value, self.standard_error
        if value is None or se is None:
            return None
        half = _z_two_sided(confidence) * se
        return max(-100.0, value - half), min(100.0, value + half)


@dataclass(frozen=True, slots=True)
class ProportionEstimate:
    """A proportion metric of one period: ``part`` of ``whole``, in percent.

    CSAT (satisfied of all answers), RR (resolved of received), FCR, Net FCR (resolved at
    first contact of the resolvable ones), ER (escalated of received), response rate
    (responses of invitations).
    """

    part: int
    whole: int

    def __post_init__(self) -> None:
        _count("part", self.part)
        _count("whole", self.whole)
        if self.part > self.whole:
            raise ValueError(f"part ({self.part}) cannot exceed whole ({self.whole})")

    @property
    def n(self) -> int:
        """Sample size: the whole."""
        return self.whole

    @property
    def value(self) -> float | None:
        """``part / whole × 100``; ``None`` when the whole is 0."""
        if self.whole == 0:
            return None
        return self.part / self.whole * 100

    @property
    def variance(self) -> float | None:
        """Variance of one observation in percent²: ``p(1 − p) × 100²``; ``None`` if empty."""
        if self.whole == 0:
            return None
        return self.part * (self.whole - self.part) / (self.whole * self.whole) * 10_000

    @property
    def standard_error(self) -> float | None:
        """Standard error of the value in percentage points: ``100·√(p(1 − p)/n)``."""
        variance = self.variance
        if variance is None:
            return None
        return math.sqrt(variance / self.whole)

    def confidence_interval(self, confidence: float = DEFAULT_CONFIDENCE) -> Interval | None:
        """Wilson score interval of the value at ``confidence``, in percent.

        ``(p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n)``, × 100. Unlike the Wald
        interval it is never outside 0–100 and does not collapse to a point at 0 % or 100 %.
        ``None`` when the whole is 0.
        """
        confidence = _confidence(confidence)
        n = self.whole
        if n == 0:
            return None
        z = _z_two_sided(confidence)
        p = self.part / n
        z2 = z * z
        denominator = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denominator
        half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
        # At 0 % and 100 % one bound is exactly the edge; rounding must not move it off.
        low = 0.0 if self.part == 0 else max(0.0, centre - half)
        high = 1.0 if self.part == n else min(1.0, centre + half)
        return low * 100, high * 100


@dataclass(frozen=True, slots=True)
class MeanEstimate:
    """A mean metric of one period from ``COUNT(x)``, ``SUM(x)`` and ``SUM(x*x)``.

    CES mean score, external rating (stars), replies per conversation (x = replies of one
    conversation), TTFR mean (x = seconds). ``total`` and ``sum_squares`` may be ``int``,
    ``float`` or ``Decimal`` (PostgreSQL ``SUM``); they are stored as ``float``.
    """

    n: int
    total: float
    sum_squares: float
    _spread: Fraction = field(init=False, repr=False, compare=False)  # Σx² − (Σx)²/n, exact

    def __post_init__(self) -> None:
        n = _count("n", self.n)
        total = _number("total", self.total)
        sum_squares = _number("sum_squares", self.sum_squares)
        if sum_squares < 0:
            raise ValueError(f"sum_squares must not be negative, got {self.sum_squares!r}")
        if n == 0:
            if total != 0 or sum_squares != 0:
                raise ValueError("total and sum_squares must be 0 when n is 0")
            spread = Fraction(0)
        else:
            exact_total = Fraction(self.total)
            exact_squares = Fraction(self.sum_squares)
            spread = exact_squares - exact_total * exact_total / n
            scale = max(abs(exact_squares), exact_total * exact_total / n)
            # Sums rounded by the database may be off by a few ulps: snap such noise to 0,
            # reject a real inconsistency (Σx² < (Σx)²/n is impossible for real numbers).
            if abs(spread) <= scale * Fraction(1, 10**12):
                spread = Fraction(0)
            elif spread < 0:
                raise ValueError(
                    f"sum_squares ({self.sum_squares!r}) is less than total²/n "
                    f"({float(exact_total * exact_total / n)!r}): inconsistent sums"
                )
            elif n == 1:
                raise ValueError(
                    f"with n = 1, sum_squares ({self.sum_squares!r}) must equal "
                    f"total² ({float(exact_total * exact_total)!r})"
                )
        object.__setattr__(self, "total", total)
        object.__setattr__(self, "sum_squares", sum_squares)
        object.__setattr__(self, "_spread", spread)

    @classmethod
    def from_values(cls, values: Iterable[float]) -> MeanEstimate:
        """The estimate of a list of observations (for tests and small in-memory slices)."""
        items = [_number(f"value #{i}", v) for i, v in enumerate(values)]
        return cls(len(items), math.fsum(items), math.fsum(x * x for x in items))

    @property
    def value(self) -> float | None:
        """The mean ``total / n``; ``None`` when n is 0."""
        if self.n == 0:
            return None
        return self.total / self.n

    @property
    def variance(self) -> float | None:
        """Sample variance ``(Σx² − (Σx)²/n) / (n − 1)``; ``None`` when n < 2."""
        if self.n < 2:
            return None
        return float(self._spread / (self.n - 1))

    @property
    def standard_error(self) -> float | None:
        """Standard error of the mean ``√(s²/n)``; ``None`` when n < 2."""
        variance = self.variance
        if variance is None:
            return None
        return math.sqrt(variance / self.n)

    def confidence_interval(self, confidence: float = DEFAULT_CONFIDENCE) -> Interval | None:
        """Normal interval ``mean ± z·SE`` at ``confidence`` (not Student's t: see the module
        docstring); ``None`` when n < 2."""
        confidence = _confidence(confidence)
        value, se = self.value, self.standard_error
        if value is None or se is None:
            return None
        half = _z_two_sided(confidence) * se
        return value - half, value + half


#: An estimate of one period, of any of the three kinds.
Estimate = IndexEstimate | ProportionEstimate | MeanEstimate

E = TypeVar("E", IndexEstimate, ProportionEstimate, MeanEstimate)

_KINDS = (IndexEstimate, ProportionEstimate, MeanEstimate)


def pool(estimates: Iterable[E], *, kind: type[E] | None = None) -> E:
    """Pool several period estimates of the same kind into one: counts and sums add.

    This is how a baseline is built from weekly rollups (e.g. the 8 weeks of
    ``slices.baseline``): the pooled estimate is exactly the estimate of all their answers
    together. All estimates must be of one kind (and of ``kind`` when it is given). An empty
    input gives the empty estimate of ``kind`` (no answers, value ``None``); without ``kind``
    an empty input is a ``ValueError``, since its kind is unknown.
    """
    if kind is not None and kind not in _KINDS:
        raise ValueError(f"kind must be one of {[k.__name__ for k in _KINDS]}, got {kind!r}")
    items = list(estimates)
    for i, item in enumerate(items):
        if type(item) not in _KINDS:
            raise ValueError(f"estimate #{i} is not an estimate: {item!r}")
    if not items:
        if kind is None:
            raise ValueError("nothing to pool: give at least one estimate or kind=")
        return kind(*(0 for f in fields(kind) if f.init))
    target = kind if kind is not None else type(items[0])
    for i, item in enumerate(items):
        if type(item) is not target:
            raise ValueError(
                f"cannot pool estimate #{i} ({type(item).__name__}) "
                f"with {target.__name__} estimates"
            )
    sums = []
    for f in fields(target):
        if not f.init:
            continue
        column = [getattr(item, f.name) for item in items]
        sums.append(sum(column) if all(isinstance(v, int) for v in column) else math.fsum(column))
    return target(*sums)


# --------------------------------------------------------------------------- the alert


class AlertStatus(StrEnum):
    """Outcome of a drop check."""

    DROP = "drop"  # a significant change in the bad direction
    NO_DROP = "no_drop"  # enough answers, no significant fall
    TOO_FEW = "too_few"  # current or baseline below the minimum sample: «мало ответов»


@dataclass(frozen=True, slots=True)
class DropCheck:
    """The result of :func:`drop_alert` for one metric of one slice.

    ``current``/``baseline`` are the two values (``None`` = no data), ``change`` is
    ``current − baseline`` in the metric's units, ``current_ci`` the interval of the current
    value (Wilson for proportions, normal otherwise). With ``TOO_FEW`` no test is made, so
    ``change_ci``, ``z`` and ``p_value`` are ``None`` (the values are still given where
    computable, but the interface shows «мало ответов» instead of a figure).
    """

    status: AlertStatus
    current: float | None
    baseline: float | None
    change: float | None
    change_ci: Interval | None  # two-sided at ``confidence``, unpooled SE
    z: float | None  # change / SE of the test, signed like the change
    p_value: float | None  # one-sided, in the bad direction
    current_ci: Interval | None
    current_n: int
    baseline_n: int
    confidence: float
    min_n: int
    higher_is_better: bool

    @property
    def is_drop(self) -> bool:
        """True when the status is ``DROP``."""
        return self.status is AlertStatus.DROP


def _test_standard_error(current: Estimate, baseline: Estimate) -> float:
    if isinstance(current, ProportionEstimate) and isinstance(baseline, ProportionEstimate):
        n1, n2 = current.whole, baseline.whole
        p = (current.part + baseline.part) / (n1 + n2)
        return 100 * math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return _unpooled_standard_error(current, baseline)


def _unpooled_standard_error(current: Estimate, baseline: Estimate) -> float:
    se1, se2 = current.standard_error, baseline.standard_error
    if se1 is None or se2 is None:  # unreachable: drop_alert tests only n ≥ min_n ≥ 2
        raise ValueError("a standard error needs at least 2 observations in each period")
    return math.hypot(se1, se2)


def drop_alert(
    current: Estimate,
    baseline: Estimate,
    *,
    higher_is_better: bool = True,
    confidence: float = DEFAULT_CONFIDENCE,
    min_n: int = DEFAULT_MIN_N,
) -> DropCheck:
    """Check whether a metric dropped significantly in ``current`` against ``baseline``.

    Both are estimates of the same kind (:class:`IndexEstimate`, :class:`ProportionEstimate`
    or :class:`MeanEstimate`); the baseline is usually the previous weeks pooled
    (``slices.baseline``, :func:`pool`). ``higher_is_better=False`` for ER, TTFR and RpC,
    where a significant *rise* is the drop. The test is the one-sided Welch-type z test at
    α = 1 − ``confidence`` described in the module docstring (pooled SE for proportions).

    ``TOO_FEW`` when either period has fewer than ``min_n`` answers (``min_n`` ≥ 2);
    otherwise ``DROP`` when the one-sided p-value is below α, else ``NO_DROP``.
    """
    if type(current) not in _KINDS:
        raise ValueError(f"current must be an estimate, got {current!r}")
    if type(baseline) is not type(current):
        raise ValueError(
            f"baseline ({type(baseline).__name__}) must be of the same kind as current "
            f"({type(current).__name__})"
        )
    if not isinstance(higher_is_better, bool):
        raise ValueError(f"higher_is_better must be True or False, got {higher_is_better!r}")
    confidence = _confidence(confidence)
    if isinstance(min_n, bool) or not isinstance(min_n, int) or min_n < 2:
        raise ValueError(f"min_n must be an integer of at least 2, got {min_n!r}")

    current_value, baseline_value = current.value, baseline.value
    change = (
        current_value - baseline_value
        if current_value is not None and baseline_value is not None
        else None
    )
    common = {
        "current": current_value,
        "baseline": baseline_value,
        "change": change,
        "current_ci": current.confidence_interval(confidence),
        "current_n": current.n,
        "baseline_n": baseline.n,
        "confidence": confidence,
        "min_n": min_n,
        "higher_is_better": higher_is_better,
    }
    if current.n < min_n or baseline.n < min_n:
        return DropCheck(status=AlertStatus.TOO_FEW, change_ci=None, z=None, p_value=None, **common)
    if change is None:  # unreachable: both periods have n ≥ min_n > 0
        raise ValueError("both periods need a value to be compared")

    half = _z_two_sided(confidence) * _unpooled_standard_error(current, baseline)
    change_ci = (change - half, change + half)

    se = _test_standard_error(current, baseline)
    if se > 0:
        z = change / se
    elif change == 0:
        z = 0.0
    else:
        z = math.copysign(math.inf, change)
    p_value = _STANDARD_NORMAL.cdf(z if higher_is_better else -z)
    status = AlertStatus.DROP if p_value < 1 - confidence else AlertStatus.NO_DROP
    return DropCheck(status=status, change_ci=change_ci, z=z, p_value=p_value, **common)
