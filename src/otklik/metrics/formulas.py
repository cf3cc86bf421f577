"""Pure formulas of the client-experience metrics (SPEC X1–X11, seed App. 4 and §2.3.5).

The single source of truth for how every metric is computed: the database queries, the
rollups, the API and the dashboards all call these functions with the counts and sums they
aggregated, so a figure means the same thing everywhere.

Conventions shared by every function here:

* Pure Python 3.11, standard library only; no Django, no I/O.
* Inputs are already-aggregated counts and sums wherever that is natural, so a database
  aggregate (``COUNT``/``SUM``) can feed them directly.
* Percentages are returned as ``float`` on the 0–100 scale (NPS and CES on −100…100),
  unrounded; round only for display, with :func:`round_half_up` (the seed shows whole
  percents: 76.92… → «77%»).
* ``None`` means «нет данных»: there is nothing to compute (zero denominator, no answers).
  A function never returns 0 in place of «no data» and never raises ``ZeroDivisionError``.
* Invalid input (a negative count, a part larger than its whole, a non-integer count, NaN,
  a score outside its scale) raises ``ValueError`` with a message naming the argument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum
from numbers import Real
from typing import NamedTuple

__all__ = [
    "CES_5_POINT_LABELS",
    "CSAT_LABELS",
    "Amount",
    "CsatCounts",
    "CesBucket",
    "CsatLevel",
    "CsatSummary",
    "IqsCategory",
    "NpsBucket",
    "TtfrSummary",
    "WeeklySchedule",
    "ces",
    "ces_bucket",
    "ces_mean",
    "conversation_volume",
    "csat",
    "csat_delight",
    "csat_distribution",
    "csat_summary",
    "escalation_rate",
    "external_rating",
    "fcr",
    "iqs",
    "iqs_overall",
    "iqs_overall_from_total",
    "is_outside_working_hours",
    "net_fcr",
    "nps",
    "nps_bucket",
    "percent",
    "quantile",
    "replies_per_conversation",
    "resolution_rate",
    "response_rate",
    "round_half_up",
    "share_outside_working_hours",
    "ttfr_mean",
    "ttfr_mean_from_total",
    "ttfr_median",
    "ttfr_p90",
    "ttfr_summary",
]


#: A sum from a database aggregate: PostgreSQL ``SUM`` over numeric columns gives ``Decimal``.
Amount = float | Decimal

# --------------------------------------------------------------------------- validation


def _count(name: str, value: object) -> int:
    """Return ``value`` as a non-negative ``int`` or raise ``ValueError``."""
    if type(value) is int and value >= 0:  # the usual case first: a table checks thousands
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer count, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")
    return value


def _amount(name: str, value: object) -> float:
    """Return ``value`` (int, float or Decimal) as a finite non-negative ``float``."""
    kind = type(value)
    if (kind is int or kind is float) and 0 <= value < math.inf:  # the usual case first
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (Real, Decimal)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if result < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    return result


def _part_of(part_name: str, part: int, whole_name: str, whole: int) -> None:
    if part > whole:
        raise ValueError(f"{part_name} ({part}) cannot exceed {whole_name} ({whole})")


def _share(part_name: str, part: object, whole_name: str, whole: object) -> float | None:
    """``part`` of ``whole`` in percent, both checked as counts under their own names."""
    # The usual case checked at once (a weekly table computes thousands of shares).
    if not (type(part) is int and type(whole) is int and 0 <= part <= whole):
        part = _count(part_name, part)
        whole = _count(whole_name, whole)
        _part_of(part_name, part, whole_name, whole)
    if whole == 0:
        return None
    return part / whole * 100


def _groups_total(names: tuple[str, str, str], first: object, second: object, third: object) -> int:
    """The answers of three groups added up, each count checked under its own name."""
    plain = type(first) is int and type(second) is int and type(third) is int
    if not (plain and first >= 0 and second >= 0 and third >= 0):  # the usual case at once
        for name, value in zip(names, (first, second, third), strict=True):
            _count(name, value)
    return first + second + third


def _mean(total_name: str, total: object, count: object) -> float | None:
    """A database's ``SUM`` ÷ ``COUNT``; ``None`` for no count (the sum must then be 0)."""
    kind = type(total)
    plain = (kind is int or kind is float) and type(count) is int
    if plain and 0 <= total < math.inf and count > 0:  # the usual case at once
        return total / count  # a float, correctly rounded, for an int total as well
    total_f = _amount(total_name, total)
    count = _count("count", count)
    if count == 0:
        if total_f != 0:
            raise ValueError(f"{total_name} ({total!r}) must be 0 when count is 0")
        return None
    return total_f / count


# --------------------------------------------------------------------------- helpers


def percent(part: int, whole: int) -> float | None:
    """Share of ``part`` in ``whole`` in percent (0–100); ``None`` when ``whole`` is 0.

    ``part`` is a subset of ``whole``, so ``part > whole`` is rejected.
    """
    return _share("part", part, "whole", whole)


def round_half_up(value: float, ndigits: int = 0) -> float:
    """Round for display the way the seed and Russian readers do: halves away from zero.

    Python's ``round`` rounds halves to even (``round(76.5) == 76``); the seed's worked
    example shows 76.92…% as «77%», and 0.5 is expected to round up. Works on the decimal
    representation of the float, so ``round_half_up(2.675, 2) == 2.68``.
    """
    if not math.isfinite(value):
        raise ValueError(f"value must be finite, got {value!r}")
    quantum = Decimal(1).scaleb(-ndigits)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- X1 NPS


class NpsBucket(StrEnum):
    """Group of an answer to the 0–10 recommendation question."""

    PROMOTER = "promoter"  # 9–10, «сторонник»
    PASSIVE = "passive"  # 7–8, «нейтрал»
    DETRACTOR = "detractor"  # 0–6, «критик»


def nps_bucket(score: int) -> NpsBucket:
    """Classify one answer to «Оцените по шкале от 0 до 10 вероятность того, что вы
    порекомендуете обратиться в СЗН своим друзьям и знакомым» (App. 4, «Шкала от 0 до 10»).

    9–10 → promoter, 7–8 → passive, 0–6 → detractor. ``score`` is an integer 0–10.
    """
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise ValueError(f"NPS score must be an integer from 0 to 10, got {score!r}")
    if score >= 9:
        return NpsBucket.PROMOTER
    if score >= 7:
        return NpsBucket.PASSIVE
    return NpsBucket.DETRACTOR


_NPS_GROUPS = ("promoters", "passives", "detractors")


def nps(promoters: int, passives: int, detractors: int) -> float | None:
    """Net Promoter Score: % promoters (9–10) − % detractors (0–6), from −100 to 100.

    App. 4: «Оцените по шкале от 0 до 10 вероятность того, что вы порекомендуете
    обратиться в СЗН…» — «Шкала от 0 до 10». Inputs are the numbers of answers in each
    group (see :func:`nps_bucket`); passives count in the denominator only.
    ``None`` when there are no answers.
    """
    total = _groups_total(_NPS_GROUPS, promoters, passives, detractors)
    if total == 0:
        return None
    return (promoters - detractors) / total * 100


# --------------------------------------------------------------------------- X2 CES

#: The seed's five CES answers on a 5-point scale coded «от „плохого“ к „хорошему“»
#: (1 = worst = hardest, 5 = best = easiest). The seed *lists* them from «Очень легко»
#: down; the list order is presentation, the numeric coding follows the seed's
#: «от „плохого“ к „хорошему“». «Затрудняюсь ответить» is the neutral midpoint.
CES_5_POINT_LABELS: Mapping[int, str] = {
    1: "Очень сложно",
    2: "Сложно",
    3: "Затрудняюсь ответить",
    4: "Легко",
    5: "Очень легко",
}


class CesBucket(StrEnum):
    """Group of an answer to the CES question."""

    EASY = "easy"  # «Легко» (any point on the easy side of the midpoint)
    NEUTRAL = "neutral"  # the exact midpoint of an odd scale
    HARD = "hard"  # «Сложно» (any point on the hard side of the midpoint)


def ces_bucket(score: int, scale_points: int, *, high_is_easy: bool = True) -> CesBucket:
    """Classify one answer to «Насколько легко вам было решить проблему благодаря
    посещению нашей организации?» on a scale of ``scale_points`` points
    («шкала ответов может варьироваться 2-7 измерениями от „плохого“ к „хорошему“»).

    ``score`` is the point chosen, 1…``scale_points``. Orientation: by default the scale is
    coded from bad to good as the seed says, so the highest point is «Очень легко»
    (``high_is_easy=True``). Pass ``high_is_easy=False`` for a scale coded in the seed's
    listing order, where point 1 is «Очень легко».

    Points on the easy side of the midpoint ``(scale_points + 1) / 2`` are «easy», on the
    hard side «hard»; the exact midpoint (only odd scales have one) is neutral.
    """
    if isinstance(scale_points, bool) or not isinstance(scale_points, int):
        raise ValueError(f"scale_points must be an integer, got {scale_points!r}")
    if not 2 <= scale_points <= 7:
        raise ValueError(f"CES scale must have 2 to 7 points, got {scale_points}")
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= scale_points:
        raise ValueError(f"CES score must be an integer from 1 to {scale_points}, got {score!r}")
    doubled_mid = scale_points + 1  # compare 2·score with 2·midpoint to stay in integers
    if 2 * score == doubled_mid:
        return CesBucket.NEUTRAL
    above = 2 * score > doubled_mid
    return CesBucket.EASY if above == high_is_easy else CesBucket.HARD


_CES_GROUPS = ("easy", "neutral", "hard")


def ces(easy: int, neutral: int, hard: int) -> float | None:
    """Customer Effort Score, from −100 to 100.

    App. 4: «Считается CES следующим образом: из процента пользователей, которые ответили
    „Легко“, вычитается процент тех, кто ответил „Сложно“». Inputs are the numbers of
    answers in each group (see :func:`ces_bucket`); «easy» includes «Очень легко», «hard»
    includes «Очень сложно», and the neutral answers («Затрудняюсь ответить») count in the
    denominator. ``None`` when there are no answers.
    """
    total = _groups_total(_CES_GROUPS, easy, neutral, hard)
    if total == 0:
        return None
    return (easy - hard) / total * 100


def ces_mean(total: Amount, count: int) -> float | None:
    """Mean CES score: the sum of the points answered ÷ the number of answers.

    ``total`` is the sum of the points (e.g. ``SUM(score)``), ``count`` the number of
    answers. The mean is on the scale's own points and orientation (1…N). ``None`` when
    there are no answers.
    """
    return _mean("total", total, count)


# --------------------------------------------------------------------------- X3 CSAT


class CsatLevel(IntEnum):
    """The five-level expectation scale of App. 4 (questions 2, 2.1, 3, 3.1), worst first."""

    DISAPPOINTED = 1
    NEEDS_IMPROVEMENT = 2
    MET = 3
    EXCEEDED = 4
    GREATLY_EXCEEDED = 5

    @property
    def label(self) -> str:
        """The seed's Russian wording of the level."""
        return CSAT_LABELS[self]

    @classmethod
    def from_label(cls, label: str) -> CsatLevel:
        """Level for a Russian label; accepts both «Превзошло» and «Превзошел» forms."""
        key = " ".join(label.split()).casefold()
        try:
            return _CSAT_BY_LABEL[key]
        except KeyError:
            raise ValueError(f"unknown CSAT answer {label!r}") from None


#: Exact wording of the seed (questions 2.1, 3 and 3.1 of App. 4).
CSAT_LABELS: Mapping[CsatLevel, str] = {
    CsatLevel.DISAPPOINTED: "Нет, разочарован",
    CsatLevel.NEEDS_IMPROVEMENT: "Требуется улучшения",
    CsatLevel.MET: "Ожидания совпали",
    CsatLevel.EXCEEDED: "Превзошло ожидания",
    CsatLevel.GREATLY_EXCEEDED: "Значительно превзошло ожидания",
}

# Question 2 («…результат обращения…») uses the masculine «Превзошел»; same levels.
_CSAT_BY_LABEL: dict[str, CsatLevel] = {
    **{text.casefold(): level for level, text in CSAT_LABELS.items()},
    "превзошел ожидания": CsatLevel.EXCEEDED,
    "значительно превзошел ожидания": CsatLevel.GREATLY_EXCEEDED,
}


#: Numbers of answers per CSAT level, keyed by :class:`CsatLevel` or its code 1–5.
CsatCounts = Mapping[CsatLevel, int] | Mapping[int, int]


class CsatSummary(NamedTuple):  # a tuple is made at a fifth of a frozen dataclass's cost
    """CSAT of one slice: share satisfied, share delighted, full distribution, sample size."""

    csat: float  # % at «Ожидания совпали» or above
    delight: float  # % above «Ожидания совпали»
    distribution: Mapping[CsatLevel, float]  # % per level, all five levels present
    n: int  # number of answers


_CSAT_LEVELS = tuple(CsatLevel)  # worst first; iterating the enum class is slow


def _csat_counts(distribution: CsatCounts) -> list[int]:
    """The numbers of answers per level, worst first (a list: an enum member hashes in
    Python, which made the counting half the cost of a CSAT value)."""
    counts = [0, 0, 0, 0, 0]
    for key, value in distribution.items():
        # The usual case (a plain code, a plain count) in one test; a level is an int
        # subclass, a bool is not a level; the message is made only when it is needed.
        if not (type(key) is int and 0 < key < 6 and type(value) is int and value >= 0):
            if isinstance(key, bool) or not isinstance(key, int) or not 1 <= key <= 5:
                raise ValueError(f"unknown CSAT level {key!r}; expected CsatLevel or 1–5")
            value = _count(f"count for level {key}", value)
        counts[key - 1] += value
    return counts


def _satisfied(counts: list[int]) -> int:
    """Answers at «Ожидания совпали» or above."""
    return counts[2] + counts[3] + counts[4]


def _delighted(counts: list[int]) -> int:
    """Answers above «Ожидания совпали»."""
    return counts[3] + counts[4]


def csat_distribution(
    distribution: CsatCounts,
) -> dict[CsatLevel, float] | None:
    """Share of each level of the expectation scale in percent (all five levels present).

    ``distribution`` maps a level (``CsatLevel`` or its code 1–5) to its number of answers;
    missing levels count as 0. ``None`` when there are no answers.
    """
    counts = _csat_counts(distribution)
    total = sum(counts)
    if total == 0:
        return None
    return {level: count / total * 100 for level, count in zip(_CSAT_LEVELS, counts, strict=True)}


def csat(distribution: CsatCounts) -> float | None:
    """CSAT: % of answers «Ожидания совпали» or above.

    App. 4, questions 2–3.1: «Соответствует ли Вашим ожиданиям результат обращения в СЗН?»,
    «Удовлетворены ли Вы качеством услуг и сервисов, полученных в СЗН?» on the scale «Нет,
    разочарован» / «Требуется улучшения» / «Ожидания совпали» / «Превзошло ожидания» /
    «Значительно превзошло ожидания». ``distribution`` maps level → number of answers.
    ``None`` when there are no answers.
    """
    counts = _csat_counts(distribution)
    total = sum(counts)
    if total == 0:
        return None
    return _satisfied(counts) / total * 100


def csat_delight(distribution: CsatCounts) -> float | None:
    """Delight: % of answers above «Ожидания совпали» («Превзошло ожидания» and
    «Значительно превзошло ожидания»). ``None`` when there are no answers."""
    counts = _csat_counts(distribution)
    total = sum(counts)
    if total == 0:
        return None
    return _delighted(counts) / total * 100


def csat_summary(distribution: CsatCounts) -> CsatSummary | None:
    """CSAT, delight and the distribution at once; ``None`` when there are no answers."""
    counts = _csat_counts(distribution)
    total = sum(counts)
    if total == 0:
        return None
    shares = {lv: c / total * 100 for lv, c in zip(_CSAT_LEVELS, counts, strict=True)}
    # Positional: a NamedTuple's keywords cost a third more, in a table of hundreds.
    return CsatSummary(
        _satisfied(counts) / total * 100, _delighted(counts) / total * 100, shares, total
    )


# --------------------------------------------------------------------------- X4, X8, X9, X10


def resolution_rate(resolved: int, received: int) -> float | None:
    """Resolution rate RR, %.

    App. 4: «кол-во решенных вопросов / кол-во полученных вопросов × 100» — «долю заявок,
    вопросов, фактически решенных сотрудниками… (от общего количества клиентских
    обращений)». ``resolved`` counts the resolved ones among the ``received``.
    ``None`` when nothing was received.
    """
    return _share("resolved", resolved, "received", received)


def escalation_rate(escalated: int, received: int) -> float | None:
    """Escalation rate ER, %.

    App. 4: «кол-во эскалированных вопросов / кол-во полученных вопросов × 100» — «доля
    обращений (от общего числа обращений), которые были переведены… в другие группы».
    ``escalated`` counts the escalated ones among the ``received``.
    ``None`` when nothing was received.
    """
    return _share("escalated", escalated, "received", received)


def fcr(resolved_first_contact: int, total: int) -> float | None:
    """First Contact Resolution rate FCR, %.

    App. 4: «разделить количество заявок, закрытых в ходе первого обращения, на общее
    количество запросов» («процент входящих вызовов или запросов, которые разрешаются во
    время первого взаимодействия»). ``None`` when there are no requests.
    """
    return _share("resolved_first_contact", resolved_first_contact, "total", total)


def net_fcr(
    resolved_first_contact: int, total: int, not_resolvable_first_contact: int
) -> float | None:
    """Net FCR, %.

    App. 4: «Net FCR = количество запросов, решенных при первом контакте / (общее
    количество запросов – количество запросов, которые невозможно решить при первом
    контакте)». ``None`` when every request was not resolvable at first contact (or there
    were none). The requests resolved at first contact are by definition resolvable, so
    they cannot exceed ``total − not_resolvable_first_contact``.
    """
    not_resolvable = not_resolvable_first_contact
    if not (type(total) is int and type(not_resolvable) is int and 0 <= not_resolvable <= total):
        total = _count("total", total)
        not_resolvable = _count("not_resolvable_first_contact", not_resolvable)
        _part_of("not_resolvable_first_contact", not_resolvable, "total", total)
    return _share(
        "resolved_first_contact",
        resolved_first_contact,
        "total − not_resolvable_first_contact",
        total - not_resolvable,
    )


def replies_per_conversation(replies: int, conversations: int) -> float | None:
    """Replies per Conversation RpC (a ratio, not a percent).

    App. 4: «RPC = общее количество ответов на запросы / общее количество запросов».
    ``None`` when there were no requests.
    """
    replies = _count("replies", replies)
    conversations = _count("conversations", conversations)
    if conversations == 0:
        if replies:
            raise ValueError(f"replies ({replies}) without any conversation")
        return None
    return replies / conversations


# --------------------------------------------------------------------------- X11


def external_rating(stars_sum: Amount, count: int, *, max_stars: int = 5) -> float | None:
    """External rating: mean stars of the reviews on review sites and maps (SPEC X11).

    ``stars_sum`` is the sum of the stars (e.g. ``SUM(stars)``), ``count`` the number of
    rated reviews, ``max_stars`` the top of the platform's scale. ``None`` with no reviews.
    """
    stars = _amount("stars_sum", stars_sum)
    count = _count("count", count)
    if isinstance(max_stars, bool) or not isinstance(max_stars, int) or max_stars < 1:
        raise ValueError(f"max_stars must be a positive integer, got {max_stars!r}")
    if stars > max_stars * count:
        raise ValueError(f"stars_sum ({stars_sum!r}) exceeds {max_stars} stars × {count} reviews")
    if count == 0:
        return None
    return stars / count


def response_rate(responses: int, invitations: int) -> float | None:
    """Survey response rate, %: responses to invitations ÷ invitations × 100 (SPEC X11).

    ``responses`` counts the answered invitations. ``None`` when nobody was invited.
    """
    return _share("responses", responses, "invitations", invitations)


# --------------------------------------------------------------------------- X5 volume


def conversation_volume(counts: Mapping[str, int] | Iterable[int]) -> int:
    """Conversation Volume: the absolute number of mentions (CV-1) or interactions (CV-2).

    App. 4, CV-2: «Рассчитывается как абсолютное значение - сумма всех взаимодействий по
    электронной почте, в социальных сетях, по телефону и в чате за определенный период
    времени»; CV-1: «количество упоминаний организации, бренда в сети Интернет».
    ``counts`` is the count per channel/platform (a mapping or plain counts). A volume is a
    count, not a ratio: no mentions is a real 0, not «нет данных».
    """
    mapping = type(counts) is dict or isinstance(counts, Mapping)  # the usual case first
    total = 0
    for key, value in counts.items() if mapping else enumerate(counts):
        if type(value) is not int or value < 0:  # the message is made only when it is needed
            value = _count(f"count for {key!r}", value)
        total += value
    return total


Interval = tuple[time, time]


@dataclass(frozen=True)
class WeeklySchedule:
    """Working hours of a centre or a support line.

    ``hours`` maps a weekday (0 = Monday … 6 = Sunday) to its working intervals
    ``(start, end)``, half-open ``[start, end)``; a weekday absent from ``hours`` is a day
    off. A lunch break is two intervals. ``exceptions`` overrides single dates (public
    holidays as an empty tuple, shortened pre-holiday days, transferred working Saturdays).
    ``tz`` is the centre's time zone: aware datetimes are converted to it; naive ones are
    taken as local wall-clock time.
    """

    hours: Mapping[int, Sequence[Interval]]
    exceptions: Mapping[date, Sequence[Interval]] = field(default_factory=dict)
    tz: tzinfo | None = None

    def __post_init__(self) -> None:
        for day, intervals in self.hours.items():
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ValueError(f"weekday must be 0 (Monday) … 6 (Sunday), got {day!r}")
            _check_intervals(f"weekday {day}", intervals)
        for day_date, intervals in self.exceptions.items():
            _check_intervals(f"date {day_date}", intervals)

    @classmethod
    def standard(
        cls,
        start: time = time(9, 0),
        end: time = time(18, 0),
        weekdays: Iterable[int] = range(5),
        *,
        exceptions: Mapping[date, Sequence[Interval]] | None = None,
        tz: tzinfo | None = None,
    ) -> WeeklySchedule:
        """Same hours on the given weekdays (default Monday–Friday 9:00–18:00)."""
        return cls(
            hours={day: ((start, end),) for day in weekdays},
            exceptions=dict(exceptions or {}),
            tz=tz,
        )

    def intervals_on(self, day: date) -> Sequence[Interval]:
        """Working intervals of a calendar date (exceptions first, then the weekday)."""
        if day in self.exceptions:
            return self.exceptions[day]
        return self.hours.get(day.weekday(), ())


def _check_intervals(where: str, intervals: Sequence[Interval]) -> None:
    for interval in intervals:
        if len(interval) != 2:
            raise ValueError(f"{where}: an interval is (start, end), got {interval!r}")
        start, end = interval
        if not isinstance(start, time) or not isinstance(end, time):
            raise ValueError(f"{where}: interval bounds must be datetime.time, got {interval!r}")
        if not start < end:
            raise ValueError(
                f"{where}: interval must start before it ends (split intervals that "
                f"cross midnight), got {start}–{end}"
            )


def is_outside_working_hours(moment: datetime, schedule: WeeklySchedule) -> bool:
    """True when an interaction at ``moment`` came outside the schedule's working hours.

    App. 4, CV-2: «Определение объема поступивших запросов в нерабочее время позволяет
    проанализировать и изменить оптимальное время и количество сотрудников».
    """
    if moment.tzinfo is not None and schedule.tz is not None:
        moment = moment.astimezone(schedule.tz)
    clock = moment.time().replace(tzinfo=None)
    return not any(start <= clock < end for start, end in schedule.intervals_on(moment.date()))


def share_outside_working_hours(outside: int, total: int) -> float | None:
    """CV-2 share of interactions outside working hours, %; ``None`` with no interactions.

    ``outside`` counts those for which :func:`is_outside_working_hours` is true.
    """
    return _share("outside", outside, "total", total)


# --------------------------------------------------------------------------- X6 IQS


class IqsCategory(NamedTuple):
    """One category of a QA scorecard as evaluated in one conversation.

    ``weight`` — «коэффициент значимости» (> 0); ``score`` — the mark as a fraction of the
    category's maximum, 0…1 (the seed's binary «хорошо (1)» / «плохо (0)»); ``critical`` —
    «критическая категория, в которой „нет места ошибкам“».
    """

    weight: float
    score: float
    critical: bool = False


def iqs(categories: Sequence[tuple[float, float, bool]]) -> float | None:
    """Internal Quality Score of one evaluation, %: Σ weightᵢ·scoreᵢ ÷ Σ weightᵢ × 100.

    App. 4: «1,5 × 1 + 1 × 1 + 0,75 × 0 = 77%» (2.5 of a possible 3.25 = 76.92…%, shown as
    77% — see :func:`round_half_up`); «Если при расчете такая [критическая] категория
    получает отрицательную оценку, то ей присваивается общее значение 0%» — the whole
    evaluation is 0%. A critical category fails when its score is below full marks (1):
    it is a category with «нет места ошибкам».

    ``categories`` holds ``(weight, score, critical)`` triples (e.g. :class:`IqsCategory`).
    ``None`` when there are no categories or all weights are 0.
    """
    weighted = 0.0
    weights = 0.0
    critical_failed = False
    for i, category in enumerate(categories):
        if len(category) != 3:
            raise ValueError(f"category {i}: expected (weight, score, critical), got {category!r}")
        weight_raw, score_raw, critical = category
        weight = _amount(f"category {i} weight", weight_raw)
        score = _amount(f"category {i} score", score_raw)
        if score > 1:
            raise ValueError(f"category {i} score must be between 0 and 1, got {score_raw!r}")
        if critical and score < 1:
            critical_failed = True
        weighted += weight * score
        weights += weight
    if weights == 0:
        return None
    if critical_failed:
        return 0.0
    return weighted / weights * 100


def iqs_overall(scores: Iterable[float]) -> float | None:
    """Overall IQS, %: the mean of the evaluations' IQS (each 0–100).

    App. 4: «Такой анализ проводится с несколькими сотрудниками. Итоговое значение IQS
    выражает, насколько сотрудники соответствуют внутренним стандартам в процентах от
    максимальной оценки 100%». ``None`` when there are no evaluations.
    """
    values = [_amount(f"IQS #{i}", s) for i, s in enumerate(scores)]
    for i, value in enumerate(values):
        if value > 100:
            raise ValueError(f"IQS #{i} must be between 0 and 100, got {value!r}")
    if not values:
        return None
    return math.fsum(values) / len(values)


def iqs_overall_from_total(total: Amount, count: int) -> float | None:
    """Overall IQS from a database aggregate: ``SUM(iqs)`` ÷ ``COUNT(*)``, %."""
    mean = _mean("total", total, count)
    if mean is not None and float(total) > 100 * count:
        raise ValueError(f"total ({total!r}) exceeds 100 % × {count} evaluations")
    return mean


# --------------------------------------------------------------------------- X7 TTFR

#: The quantiles of TTFR a metric value carries besides its mean.
TTFR_QUANTILES = (("median", 0.5), ("p90", 0.9))


def _durations(durations: Iterable[float | timedelta]) -> list[float]:
    result: list[float] = []
    for i, value in enumerate(durations):
        if isinstance(value, timedelta):
            value = value.total_seconds()
        result.append(_amount(f"duration #{i}", value))
    return result


def quantile(values: Iterable[float], q: float) -> float | None:
    """The ``q``-quantile (0 ≤ q ≤ 1) with linear interpolation between closest ranks.

    Method: Hyndman–Fan type 7 — sort the n values, take position h = (n − 1)·q, and
    interpolate between the values at ⌊h⌋ and ⌈h⌉. The same as PostgreSQL's
    ``percentile_cont``, Excel's ``PERCENTILE.INC``, NumPy's default and
    ``statistics.quantiles(method="inclusive")``, so a database aggregate gives the same
    figure. ``q = 0.5`` is the ordinary median. ``None`` for no values.
    """
    return quantiles(values, (q,))[0]


def quantiles(values: Iterable[float], qs: Sequence[float]) -> tuple[float | None, ...]:
    """The type-7 quantiles (see :func:`quantile`) of the values for each q, sorting once."""
    for q in qs:
        if type(q) is float and 0 <= q <= 1:  # at once: a region's table ranks ~700 groups
            continue
        if isinstance(q, bool) or not isinstance(q, (int, float)) or not 0 <= q <= 1:
            raise ValueError(f"q must be a number between 0 and 1, got {q!r}")
    ordered = sorted(values)
    # A sum is finite when every value is (one pass in C; a region's table checks some
    # 60 000 values). Only when it is not are the values looked at one by one: a sum of
    # huge finite values overflows without any of them being wrong.
    if not math.isfinite(sum(ordered)):
        for value in ordered:
            if not math.isfinite(value):
                raise ValueError(f"values must be finite, got {value!r}")
    if not ordered:
        return tuple(None for _q in qs)
    return tuple([_quantile_sorted(ordered, q) for q in qs])


def _quantile_sorted(ordered: Sequence[float], q: float) -> float:
    """Type-7 quantile of a non-empty, sorted sequence of finite numbers."""
    h = (len(ordered) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (h - lo) * (ordered[hi] - ordered[lo])


def ttfr_mean(durations: Iterable[float | timedelta]) -> float | None:
    """Mean Time to First Response, seconds.

    App. 4: «вычислить среднее время ожидания – суммировать общее количество времени до
    первой реакции и разделить на количество всех запросов». ``durations`` are the waits
    between the request and the first reply (seconds or ``timedelta``).
    ``None`` when there are no requests.
    """
    values = _durations(durations)
    if not values:
        return None
    return math.fsum(values) / len(values)


def ttfr_mean_from_total(total_seconds: Amount, count: int) -> float | None:
    """Mean TTFR from a database aggregate: ``SUM(wait)`` ÷ ``COUNT(*)``, seconds."""
    return _mean("total_seconds", total_seconds, count)


def ttfr_median(durations: Iterable[float | timedelta]) -> float | None:
    """Median TTFR, seconds.

    App. 4: «Если в числе всех случаев есть уникальные (аномальные) – с большим временем
    ожидания, то стоит рассчитать медиану, устойчивую к аномальным отклонениям».
    For an even number of values, the mean of the two middle ones. ``None`` for no values.
    """
    return quantile(_durations(durations), 0.5)


def ttfr_p90(durations: Iterable[float | timedelta]) -> float | None:
    """90th percentile of TTFR, seconds (type 7, see :func:`quantile`): nine clients in
    ten waited no longer than this. ``None`` for no values."""
    return quantile(_durations(durations), 0.9)


@dataclass(frozen=True, slots=True)
class TtfrSummary:
    """TTFR of one slice, seconds, with its sample size."""

    n: int
    mean: float
    median: float
    p90: float


def ttfr_summary(durations: Iterable[float | timedelta]) -> TtfrSummary | None:
    """Mean, median and p90 of TTFR at once; ``None`` for no values."""
    values = sorted(_durations(durations))
    if not values:
        return None
    return TtfrSummary(
        n=len(values),
        mean=math.fsum(values) / len(values),
        median=_quantile_sorted(values, 0.5),
        p90=_quantile_sorted(values, 0.9),
    )
