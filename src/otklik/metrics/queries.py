"""Every App. 4 metric for any slice and period, computed in the database.

The single source of truth for a metric's value (the API, the dashboards and the reports
call these functions). The database adds up counts and sums — from the daily rollups
(:mod:`otklik.metrics.rollups`) where they hold the slice, from the facts otherwise —
and the pure functions of :mod:`otklik.metrics.formulas` turn them into values. No fact
row is loaded into Python: medians come from ``percentile_cont`` on PostgreSQL and, on
SQLite, as the two order statistics around the rank, found by window functions; from
the TTFR sketch for very large slices.

Three ways to ask, all returning :class:`MetricValue` objects keyed by metric code:

* :func:`metric_values` — one slice, one period;
* :func:`metric_table` — one period, grouped by a dimension (touchpoint, centre, …);
* :func:`metric_series` — one slice, a time series by day, week, month or quarter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection, models
from django.db.models import Count, Exists, F, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import Coalesce, RowNumber

from otklik.feedback.choices import ResponseStatus
from otklik.feedback.models import Interaction, Invitation, Response
from otklik.metrics import formulas, sketch
from otklik.metrics.models import (
    InteractionDay,
    InteractionRegionDay,
    InteractionWeek,
    MentionDay,
    SurveyDay,
    SurveyRegionDay,
    TtfrSketchDay,
)
from otklik.metrics.rollups import (
    INTERACTIONS,
    MENTIONS,
    SURVEYS,
    TRUNC,
    day_start,
    local_bucket,
)
from otklik.metrics.slices import DIMENSIONS, Granularity, Period, Slice, buckets, period_start

# Facts without rollups, read directly (few rows: evaluations, invitations).
EVALUATIONS, INVITATIONS = "evaluations", "invitations"

#: Which facts a metric is computed from.
METRIC_FAMILY = {
    "NPS": SURVEYS,
    "CES": SURVEYS,
    "CSAT": SURVEYS,
    "RR": INTERACTIONS,
    "CV-2": INTERACTIONS,
    "TTFR": INTERACTIONS,
    "ER": INTERACTIONS,
    "FCR": INTERACTIONS,
    "RpC": INTERACTIONS,
    "CV-1": MENTIONS,
    "EXT_RATING": MENTIONS,
    "IQS": EVALUATIONS,
    "RESPONSE_RATE": INVITATIONS,
}
METRIC_CODES = tuple(METRIC_FAMILY)

#: The dimensions each kind of fact carries; a slice naming another one is not applicable.
FAMILY_DIMENSIONS = {
    SURVEYS: {"region", "centre", "journey", "stage", "touchpoint", "channel", "segment"}
    | {"client_group"},
    INTERACTIONS: {"region", "centre", "journey", "stage", "touchpoint", "channel", "employee"},
    MENTIONS: {"region", "centre", "client_group"},
    EVALUATIONS: {"region", "centre", "journey", "stage", "touchpoint", "channel", "employee"},
    INVITATIONS: {"region", "centre", "journey", "stage", "touchpoint", "channel"},
}

# Metrics that count things: no minimum sample, 0 is a real value.
VOLUMES = {"CV-1", "CV-2"}

# Above this many first responses a TTFR median of a regional slice is read from the
# sketch (within sketch.ALPHA) instead of ranking the facts.
EXACT_TTFR_LIMIT = 50_000


@dataclass(frozen=True)
class MetricValue:
    """A metric of one slice and period: the value, its sample size and the parts.

    ``value`` is ``None`` for «нет данных» (nothing to compute) and for a slice the facts
    do not carry (``applicable`` false). ``enough`` is false below the minimum sample
    (``OTKLIK_METRIC_MIN_SAMPLE``): the UI says «мало ответов» instead of the number.
    ``counts`` are the aggregated inputs (what a drop test or a merge needs).
    """

    code: str
    value: float | None
    n: int
    detail: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    applicable: bool = True

    @property
    def enough(self) -> bool:
        if not self.applicable or self.value is None:
            return False
        return self.code in VOLUMES or self.n >= settings.OTKLIK_METRIC_MIN_SAMPLE


# --------------------------------------------------------------------------- sources

_ROLLUP_COLUMN = {
    "region": "region_id",
    "centre": "centre_id",
    "journey": "journey_id",
    "stage": "stage_id",
    "touchpoint": "touchpoint_id",
    "channel": "channel",
    "segment": "segment_id",
    "client_group": "client_group_id",
    "employee": "employee_id",
}

_FACT_FIELD = {
    INTERACTIONS: {
        "region": "region_id",
        "centre": "centre_id",
        "journey": "touchpoint__stage__journey_id",
        "stage": "touchpoint__stage_id",
        "touchpoint": "touchpoint_id",
        "channel": "channel",
        "employee": "employee_id",
    },
    EVALUATIONS: {
        "region": "region_id",
        "centre": "centre_id",
        "journey": "journey_id",
        "stage": "stage_id",
        "touchpoint": "touchpoint_id",
        "channel": "channel",
        "employee": "employee_id",
    },
    INVITATIONS: {
        "region": "region_id",
        "centre": "centre_id",
        "journey": "touchpoint__stage__journey_id",
        "stage": "touchpoint__stage_id",
        "touchpoint": "touchpoint_id",
        "channel": "channel",
    },
}

_MOMENT = {INTERACTIONS: "opened_at", EVALUATIONS: "evaluated_at", INVITATIONS: "sent_at"}


def _evaluations() -> models.QuerySet:
    from otklik.standards.models import Evaluation

    return Evaluation.objects.all()


# The slice keys of the weekly interaction rollup (its Monday is its day).
_WEEK_DIMENSIONS = {"region", "journey", "stage", "touchpoint", "channel"}


def _whole_weeks(period: Period) -> bool:
    return period.start.weekday() == 0 and period.days % 7 == 0


def _rollup_for(
    family: str, dims: set[str], period: Period, grouping: _Grouping
) -> tuple[type[models.Model], str]:
    """The smallest rollup table that holds these dimensions, and its day column."""
    if family == SURVEYS and dims <= {"region"}:
        return SurveyRegionDay, "day"
    if family == INTERACTIONS and dims <= {"region", "channel"}:
        return InteractionRegionDay, "day"
    weekly = grouping.granularity in (None, Granularity.WEEK) and _whole_weeks(period)
    if family == INTERACTIONS and weekly and dims <= _WEEK_DIMENSIONS:
        return InteractionWeek, "week"
    return {SURVEYS: SurveyDay, INTERACTIONS: InteractionDay, MENTIONS: MentionDay}[family], "day"


def _bucket_expression(
    granularity: Granularity, moment: str | None, column: str = "day"
) -> models.Expression:
    """The first day of a series bucket, on a rollup's day column or on a fact's moment."""
    if moment is None:
        if granularity is Granularity.DAY or column == "week":
            return F(column)
        return TRUNC[granularity](column)
    return local_bucket(moment, granularity)


@dataclass(frozen=True)
class _Grouping:
    """How results are grouped: by a dimension (a table) or by series buckets."""

    dimension: str | None = None
    granularity: Granularity | None = None
    codes: frozenset[str] = frozenset(METRIC_CODES)  # what is asked: only that is computed
    quantiles: bool = True  # TTFR median and p90 (a drop test needs only the mean)
    min_n: int = 0  # groups with fewer facts are left out (tables of «enough» values only)

    def rollup_expression(self, column: str = "day") -> models.Expression | None:
        if self.dimension:
            return F(_ROLLUP_COLUMN[self.dimension])
        if self.granularity:
            return _bucket_expression(self.granularity, None, column)
        return None

    def fact_expression(self, family: str) -> models.Expression | None:
        if self.dimension == "channel":
            return F(_FACT_FIELD[family]["channel"])
        if self.dimension:  # «none» is 0, as in the rollups' keys
            return Coalesce(F(_FACT_FIELD[family][self.dimension]), Value(0))
        if self.granularity:
            return _bucket_expression(self.granularity, _MOMENT[family])
        return None

    def dims(self) -> set[str]:
        return {self.dimension} if self.dimension else set()


def _sums(
    queryset: models.QuerySet,
    group: models.Expression | None,
    measures: dict[str, models.Expression],
    extra: Sequence[str] = (),
    at_least: tuple[str, int] | None = None,
) -> dict:
    """``{group value: {measure: number}}`` from one grouped query (``None``: one group).

    ``extra`` adds plain columns to the group (e.g. a channel for a breakdown); the key
    is then a tuple ``(group value, *extra values)``. ``at_least`` = ``(measure, n)``
    keeps only the groups whose measure reaches n (``HAVING``: small groups never leave
    the database).
    """
    queryset = queryset.order_by()
    if group is not None:
        queryset = queryset.annotate(g=group)
        rows = queryset.values("g", *extra).annotate(**measures)
        if at_least is not None and at_least[1] > 0:
            rows = rows.filter(**{f"{at_least[0]}__gte": at_least[1]})
    elif extra:
        rows = queryset.values(*extra).annotate(**measures)
    else:
        rows = [queryset.aggregate(**measures)]
    result = {}
    for row in rows:
        key = row.pop("g", None)
        if extra:
            key = (key, *(row.pop(name) for name in extra))
        result[key] = {name: _number(value) for name, value in row.items()}
    return result


def _number(value):
    """Aggregates as plain Python numbers (PostgreSQL gives Decimal for some sums)."""
    if value is None:
        return 0
    return value if isinstance(value, int | float) else float(value)


def _rollup_rows(family: str, slice_: Slice, period: Period, grouping: _Grouping):
    """The rollup rows of the slice and period, and the expression that groups them."""
    model, column = _rollup_for(family, set(slice_.given()) | grouping.dims(), period, grouping)
    filters = {_ROLLUP_COLUMN[dim]: value for dim, value in slice_.given().items()}
    rows = model.objects.filter(
        **{f"{column}__gte": period.start, f"{column}__lt": period.end}, **filters
    )
    return rows, grouping.rollup_expression(column)


def _fact_rows(family: str, queryset, slice_: Slice, period: Period) -> models.QuerySet:
    moment = _MOMENT[family]
    fields = _FACT_FIELD[family]
    filters = {fields[dim]: value for dim, value in slice_.given().items()}
    return queryset.filter(
        **{f"{moment}__gte": day_start(period.start), f"{moment}__lt": day_start(period.end)},
        **filters,
    )


# --------------------------------------------------------------------------- measures

_SURVEY_SUMS = [
    "responses",
    "nps_promoters",
    "nps_passives",
    "nps_detractors",
    "ces_easy",
    "ces_neutral",
    "ces_hard",
    "ces_sum",
    "ces_sumsq",
    *(f"csat_{level}" for level in range(1, 6)),
]
_INTERACTION_SUMS = [
    "received",
    "resolved",
    "escalated",
    "resolved_first_contact",
    "not_resolvable_first_contact",
    "replies",
    "replies_sumsq",
    "outside_working_hours",
    "ttfr_n",
    "ttfr_sum",
    "ttfr_sumsq",
]
_MENTION_SUMS = ["mentions", "stars_n", "stars_sum", "stars_sumsq"]


def _sum_of(columns: Iterable[str]) -> dict[str, models.Expression]:
    return {column: Sum(column) for column in columns}


def _nps(c: dict, _extra: dict) -> MetricValue:
    n = c["nps_promoters"] + c["nps_passives"] + c["nps_detractors"]
    return MetricValue(
        "NPS",
        formulas.nps(c["nps_promoters"], c["nps_passives"], c["nps_detractors"]),
        n,
        {
            "promoters": formulas.percent(c["nps_promoters"], n),
            "passives": formulas.percent(c["nps_passives"], n),
            "detractors": formulas.percent(c["nps_detractors"], n),
        },
        {
            "positive": c["nps_promoters"],
            "neutral": c["nps_passives"],
            "negative": c["nps_detractors"],
        },
    )


def _ces(c: dict, _extra: dict) -> MetricValue:
    n = c["ces_easy"] + c["ces_neutral"] + c["ces_hard"]
    return MetricValue(
        "CES",
        formulas.ces(c["ces_easy"], c["ces_neutral"], c["ces_hard"]),
        n,
        {
            "mean": formulas.ces_mean(c["ces_sum"], n),
            "easy": formulas.percent(c["ces_easy"], n),
            "neutral": formulas.percent(c["ces_neutral"], n),
            "hard": formulas.percent(c["ces_hard"], n),
        },
        {
            "positive": c["ces_easy"],
            "neutral": c["ces_neutral"],
            "negative": c["ces_hard"],
            "sum": c["ces_sum"],
            "sumsq": c["ces_sumsq"],
        },
    )


def _csat(c: dict, _extra: dict) -> MetricValue:
    counts = {level: c[f"csat_{level}"] for level in range(1, 6)}
    summary = formulas.csat_summary(counts)
    if summary is None:
        return MetricValue(
            "CSAT", None, 0, {"delight": None, "distribution": None}, {"part": 0, "whole": 0}
        )
    return MetricValue(
        "CSAT",
        summary.csat,
        summary.n,
        {
            "delight": summary.delight,
            "distribution": {int(level): share for level, share in summary.distribution.items()},
        },
        {"part": sum(counts[level] for level in (3, 4, 5)), "whole": summary.n},
    )


def _rr(c: dict, _extra: dict) -> MetricValue:
    received = c["received"]
    return MetricValue(
        "RR",
        formulas.resolution_rate(c["resolved"], received),
        received,
        counts={"part": c["resolved"], "whole": received},
    )


def _er(c: dict, _extra: dict) -> MetricValue:
    received = c["received"]
    return MetricValue(
        "ER",
        formulas.escalation_rate(c["escalated"], received),
        received,
        counts={"part": c["escalated"], "whole": received},
    )


def _fcr(c: dict, _extra: dict) -> MetricValue:
    received, first = c["received"], c["resolved_first_contact"]
    return MetricValue(
        "FCR",
        formulas.fcr(first, received),
        received,
        {
            "net_fcr": formulas.net_fcr(first, received, c["not_resolvable_first_contact"]),
            "resolvable": received - c["not_resolvable_first_contact"],
        },
        {"part": first, "whole": received},
    )


def _rpc(c: dict, _extra: dict) -> MetricValue:
    received = c["received"]
    return MetricValue(
        "RpC",
        formulas.replies_per_conversation(c["replies"], received),
        received,
        counts={"n": received, "sum": c["replies"], "sumsq": c["replies_sumsq"]},
    )


def _cv2(c: dict, extra: dict) -> MetricValue:
    received, by_channel = c["received"], extra.get("by_channel", {})
    return MetricValue(
        "CV-2",
        formulas.conversation_volume(by_channel) if by_channel else received,
        received,
        {
            "by_channel": by_channel,
            "outside_working_hours": formulas.share_outside_working_hours(
                c["outside_working_hours"], received
            ),
        },
        {"n": received},
    )


def _ttfr_value(c: dict, extra: dict) -> MetricValue:
    ttfr = extra.get("ttfr", {})
    return MetricValue(
        "TTFR",
        ttfr.get("median"),
        c["ttfr_n"],
        {
            "mean": formulas.ttfr_mean_from_total(c["ttfr_sum"], c["ttfr_n"]),
            "median": ttfr.get("median"),
            "p90": ttfr.get("p90"),
            "approximate": ttfr.get("approximate", False),
        },
        {"n": c["ttfr_n"], "sum": c["ttfr_sum"], "sumsq": c["ttfr_sumsq"]},
    )


def _cv1(c: dict, extra: dict) -> MetricValue:
    breakdown = extra.get("breakdown") or {"platform": {}, "sentiment": {}, "client_group": {}}
    return MetricValue("CV-1", c["mentions"], c["mentions"], breakdown, {"n": c["mentions"]})


def _external_rating(c: dict, _extra: dict) -> MetricValue:
    return MetricValue(
        "EXT_RATING",
        formulas.external_rating(c["stars_sum"], c["stars_n"]),
        c["stars_n"],
        counts={"n": c["stars_n"], "sum": c["stars_sum"], "sumsq": c["stars_sumsq"]},
    )


#: How each metric's value is made from its family's sums (and what else was queried).
_BUILDERS = {
    "NPS": _nps,
    "CES": _ces,
    "CSAT": _csat,
    "RR": _rr,
    "ER": _er,
    "FCR": _fcr,
    "RpC": _rpc,
    "CV-2": _cv2,
    "TTFR": _ttfr_value,
    "CV-1": _cv1,
    "EXT_RATING": _external_rating,
}


def _values(family: str, c: dict, codes, extra: dict | None = None) -> dict[str, MetricValue]:
    """The asked metrics of one family from its sums; only those are computed."""
    return {
        code: build(c, extra or {})
        for code, build in _BUILDERS.items()
        if code in codes and METRIC_FAMILY[code] == family
    }


# --------------------------------------------------------------------------- families


def _surveys(slice_, period, grouping) -> dict:
    rows, group = _rollup_rows(SURVEYS, slice_, period, grouping)
    sums = _sums(
        rows,
        group,
        _sum_of(_SURVEY_SUMS),
        at_least=("responses", grouping.min_n),
    )
    return {key: _values(SURVEYS, c, grouping.codes) for key, c in sums.items()}


def _interactions(slice_, period, grouping) -> dict:
    rows, group = _rollup_rows(INTERACTIONS, slice_, period, grouping)
    sums = _sums(rows, group, _sum_of(_INTERACTION_SUMS), at_least=("received", grouping.min_n))
    channels: dict = defaultdict(dict)
    if "CV-2" in grouping.codes:
        for (key, channel), c in _sums(rows, group, {"n": Sum("received")}, ["channel"]).items():
            if key in sums:
                channels[key][channel] = c["n"]
    ttfr = {}
    if "TTFR" in grouping.codes and grouping.quantiles:
        ttfr = _ttfr(slice_, period, grouping, {key: c["ttfr_n"] for key, c in sums.items()})
    return {
        key: _values(
            INTERACTIONS,
            c,
            grouping.codes,
            {"ttfr": ttfr.get(key, {}), "by_channel": channels.get(key, {})},
        )
        for key, c in sums.items()
    }


def _ttfr(slice_, period, grouping, sizes: dict) -> dict:
    """Median and p90 of TTFR per group: exact, or from the sketch for huge regional slices."""
    total = sum(sizes.values())
    if total == 0:
        return {}
    regional = set(slice_.given()) | grouping.dims() <= {"region"}
    if regional and total > EXACT_TTFR_LIMIT:
        return _ttfr_from_sketch(slice_, period, grouping)
    facts = _fact_rows(
        INTERACTIONS, Interaction.objects.filter(ttfr_seconds__isnull=False), slice_, period
    )
    group = grouping.fact_expression(INTERACTIONS)
    if connection.vendor == "postgresql":
        return _ttfr_percentiles(facts, group)
    partition = [group] if group is not None else []
    ranked = facts.order_by().annotate(
        g=group if group is not None else models.Value(None, models.IntegerField()),
        rank=Window(RowNumber(), partition_by=partition, order_by=F("ttfr_seconds").asc()),
        size=Window(Count("pk"), partition_by=partition),
    )
    # The order statistics around the ranks of the median and p90 (type 7, 1-based).
    wanted = Q()
    for q in (0.5, 0.9):
        low = _rank_floor(q)
        wanted |= Q(rank=low + 1) | Q(rank=low + 2)
    picked: dict = defaultdict(dict)
    for row in ranked.filter(wanted).values("g", "rank", "size", "ttfr_seconds"):
        picked[row["g"]][row["rank"] - 1] = (row["ttfr_seconds"], row["size"])
    result = {}
    for key, ranks in picked.items():
        size = next(iter(ranks.values()))[1]
        values = {rank: value for rank, (value, _size) in ranks.items()}
        result[key] = {q_name: _type7(values, size, q) for q_name, q in _QUANTILES}
    return result


_QUANTILES = (("median", 0.5), ("p90", 0.9))


class _PercentileCont(models.Aggregate):
    """PostgreSQL's ``percentile_cont``: the type-7 quantile of ``formulas.quantile``
    (position ``(n − 1)·q``, linear between the two order statistics around it)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = models.FloatField()

    def __init__(self, expression: str, q: float):
        super().__init__(expression, fraction=float(q))  # a number of ours, never input


def _ttfr_percentiles(facts: models.QuerySet, group: models.Expression | None) -> dict:
    """Median and p90 per group by ordered-set aggregates, instead of ranking every fact
    with window functions: a region's 8 weeks (47 k first responses) take 20 ms, not 200."""
    quantiles = {name: _PercentileCont("ttfr_seconds", q) for name, q in _QUANTILES}
    facts = facts.order_by()
    if group is None:
        found = facts.aggregate(**quantiles)
        return {} if found["median"] is None else {None: found}
    rows = facts.annotate(g=group).values("g").annotate(**quantiles)
    return {row.pop("g"): row for row in rows}


def _rank_floor(q: float) -> models.Expression:
    """⌊(size − 1)·q⌋ in integer arithmetic, the same on every database."""
    numerator = round(q * 10)
    return (F("size") - 1) * numerator / 10


def _type7(values: dict[int, float], size: int, q: float) -> float:
    h = (size - 1) * q
    low = int(h)
    high = min(low + 1, size - 1)
    return values[low] + (h - low) * (values[high] - values[low])


def _ttfr_from_sketch(slice_, period, grouping) -> dict:
    rows = TtfrSketchDay.objects.filter(day__gte=period.start, day__lt=period.end)
    if slice_.region is not None:
        rows = rows.filter(region_id=slice_.region)
    counts: dict = defaultdict(dict)
    for (key, bucket), c in _sums(
        rows, grouping.rollup_expression(), {"n": Sum("count")}, ["bucket"]
    ).items():
        counts[key][bucket] = c["n"]
    return {
        key: {
            **{q_name: sketch.quantile(buckets_, q) for q_name, q in _QUANTILES},
            "approximate": True,
        }
        for key, buckets_ in counts.items()
    }


def _mentions(slice_, period, grouping) -> dict:
    rows, group = _rollup_rows(MENTIONS, slice_, period, grouping)
    sums = _sums(rows, group, _sum_of(_MENTION_SUMS), at_least=("mentions", grouping.min_n))
    breakdown: dict = defaultdict(lambda: {"platform": {}, "sentiment": {}, "client_group": {}})
    for column in ("platform", "sentiment", "client_group_id") if "CV-1" in grouping.codes else ():
        name = column.removesuffix("_id")
        for (key, value), c in _sums(rows, group, {"n": Sum("mentions")}, [column]).items():
            breakdown[key][name][value or ""] = c["n"]
    return {
        key: _values(MENTIONS, c, grouping.codes, {"breakdown": breakdown[key]})
        for key, c in sums.items()
    }


def _evaluations_values(slice_, period, grouping) -> dict:
    facts = _fact_rows(EVALUATIONS, _evaluations(), slice_, period)
    sums = _sums(
        facts,
        grouping.fact_expression(EVALUATIONS),
        {
            "n": Count("pk"),
            "total": Sum("iqs"),
            "sumsq": Sum(F("iqs") * F("iqs")),
            "critical_failed": Count("pk", filter=Q(critical_failed=True)),
        },
        at_least=("n", grouping.min_n),
    )
    return {
        key: {
            "IQS": MetricValue(
                "IQS",
                formulas.iqs_overall_from_total(c["total"], c["n"]),
                c["n"],
                {"critical_failed": c["critical_failed"]},
                {"n": c["n"], "sum": c["total"], "sumsq": c["sumsq"]},
            )
        }
        for key, c in sums.items()
    }


def _invitations(slice_, period, grouping) -> dict:
    sent = Invitation.objects.filter(sent_at__isnull=False)
    facts = _fact_rows(INVITATIONS, sent, slice_, period)
    sums = _sums(
        facts,
        grouping.fact_expression(INVITATIONS),
        {
            "invited": Count("pk"),
            # EXISTS, not a join: the planner then looks each invitation's answer up by
            # the unique index instead of walking all of it (measured 475 ms → tens).
            "responded": Count(
                "pk",
                filter=Q(
                    Exists(
                        Response.objects.filter(
                            invitation=OuterRef("pk"), status=ResponseStatus.ACCEPTED
                        )
                    )
                ),
            ),
        },
        at_least=("invited", grouping.min_n),
    )
    return {
        key: {
            "RESPONSE_RATE": MetricValue(
                "RESPONSE_RATE",
                formulas.response_rate(c["responded"], c["invited"]),
                c["invited"],
                counts={"part": c["responded"], "whole": c["invited"]},
            )
        }
        for key, c in sums.items()
    }


_FAMILY_QUERY = {
    SURVEYS: _surveys,
    INTERACTIONS: _interactions,
    MENTIONS: _mentions,
    EVALUATIONS: _evaluations_values,
    INVITATIONS: _invitations,
}

_EMPTY_SUMS = {
    SURVEYS: dict.fromkeys(_SURVEY_SUMS, 0),
    INTERACTIONS: dict.fromkeys(_INTERACTION_SUMS, 0),
    MENTIONS: dict.fromkeys(_MENTION_SUMS, 0),
}


def _empty(code: str) -> MetricValue:
    """A metric with no facts: «no data» (a volume: 0), with zero counts."""
    family = METRIC_FAMILY[code]
    if family in _EMPTY_SUMS:
        return _values(family, _EMPTY_SUMS[family], {code})[code]
    if code == "IQS":
        return MetricValue("IQS", None, 0, counts={"n": 0, "sum": 0, "sumsq": 0})
    return MetricValue(code, None, 0, counts={"part": 0, "whole": 0})


def _codes(codes: Iterable[str] | None) -> list[str]:
    codes = list(codes) if codes is not None else list(METRIC_CODES)
    unknown = [code for code in codes if code not in METRIC_FAMILY]
    if unknown:
        raise ValueError(f"unknown metric codes: {', '.join(unknown)}")
    return codes


def _grouped(slice_: Slice, period: Period, grouping: _Grouping) -> dict:
    """``{group key: {code: MetricValue}}`` for the asked codes; only groups with facts."""
    result: dict = defaultdict(dict)
    wanted = set(slice_.given()) | grouping.dims()
    families = {METRIC_FAMILY[code] for code in grouping.codes}
    not_applicable = {f for f in families if not wanted <= FAMILY_DIMENSIONS[f]}
    for family in families - not_applicable:
        for key, values in _FAMILY_QUERY[family](slice_, period, grouping).items():
            result[key].update(values)
    return result  # the codes a group has no facts for are filled in by _complete


def _complete(values: dict, wanted: set[str], codes: list[str]) -> dict:
    """Every wanted code present, in catalogue order: «no data» or «not applicable» (a
    slice naming ``wanted`` dimensions that the code's facts do not carry)."""
    result = {}
    for code in codes:
        if code in values:
            result[code] = values[code]
        elif not wanted <= FAMILY_DIMENSIONS[METRIC_FAMILY[code]]:
            result[code] = MetricValue(code, None, 0, applicable=False)
        else:
            result[code] = _empty(code)
    return result


# --------------------------------------------------------------------------- the API


def metric_values(
    slice_: Slice,
    period: Period,
    codes: Iterable[str] | None = None,
    *,
    quantiles: bool = True,
) -> dict[str, MetricValue]:
    """Every wanted metric (all by default) of one slice over one period.

    ``quantiles=False`` leaves out TTFR's median and p90 (its value is then ``None``, its
    mean and counts are there): what a drop test needs, at a fraction of the cost.
    """
    codes = _codes(codes)
    asked = _Grouping(codes=frozenset(codes), quantiles=quantiles)
    values = _grouped(slice_, period, asked).get(None, {})
    return _complete(values, set(slice_.given()), codes)


def metric_table(
    slice_: Slice,
    period: Period,
    by: str,
    codes: Iterable[str] | None = None,
    *,
    quantiles: bool = True,
    enough_only: bool = False,
) -> dict[int | str, dict[str, MetricValue]]:
    """The metrics of ``slice_`` grouped by a dimension (``touchpoint``, ``centre``, …).

    Only the groups that have facts in the period are present; each with every code.
    ``quantiles`` as in :func:`metric_values`. ``enough_only`` leaves out, in the
    database, the groups of a family with fewer facts than the minimum sample (responses,
    interactions, mentions, evaluations, invitations): for rankings and drop tests over
    thousands of groups, most of which have only a handful of answers.
    """
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")
    codes = _codes(codes)
    asked = _Grouping(
        dimension=by,
        codes=frozenset(codes),
        quantiles=quantiles,
        min_n=settings.OTKLIK_METRIC_MIN_SAMPLE if enough_only else 0,
    )
    wanted = set(slice_.given()) | {by}
    return {
        key: _complete(values, wanted, codes)
        for key, values in _grouped(slice_, period, asked).items()
    }


def metric_series(
    slice_: Slice,
    period: Period,
    granularity: Granularity | str,
    codes: Iterable[str] | None = None,
) -> list[tuple[Period, dict[str, MetricValue]]]:
    """The metrics of ``slice_`` per day, week, month or quarter of ``period``.

    Every bucket of the period is present, an empty one with «no data»; a bucket cut by
    the period's ends holds only the period's days.
    """
    granularity = Granularity(granularity)
    codes = _codes(codes)
    asked = _Grouping(granularity=granularity, codes=frozenset(codes))
    grouped = _grouped(slice_, period, asked)
    by_start = {_as_date(key): values for key, values in grouped.items()}
    series = []
    for bucket in buckets(period, granularity):
        key = period_start(bucket.start, granularity)
        series.append((bucket, _complete(by_start.get(key, {}), set(slice_.given()), codes)))
    return series


def _as_date(value) -> date:
    """A bucket's start as a date (a database may give a midnight datetime)."""
    return value.date() if isinstance(value, datetime) else value
