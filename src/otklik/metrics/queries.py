"""Every App. 4 metric for any slice and period, computed in the database.

The single source of truth for a metric's value (the API, the dashboards and the reports
call these functions). The database adds up counts and sums — from the daily rollups
(:mod:`otklik.metrics.rollups`) where they hold the slice, from the facts otherwise —
and the pure functions of :mod:`otklik.metrics.formulas` turn them into values. No fact
row is loaded into the ORM: TTFR medians of whole weeks come from the waits the weekly
rollup keeps (:mod:`otklik.metrics.waits`), others from ``percentile_cont`` on PostgreSQL
and from the aggregate :mod:`otklik.metrics.sqlite` registers on SQLite; from the TTFR
sketch for very large slices.

Three ways to ask, all returning :class:`MetricValue` objects keyed by metric code:

* :func:`metric_values` — one slice, one period;
* :func:`metric_table` — one period, grouped by a dimension (touchpoint, centre, …);
  :func:`metric_tables` the same for several periods at once;
* :func:`metric_series` — one slice, a time series by day, week, month or quarter.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from operator import add

from django.conf import settings
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from otklik.feedback.choices import InteractionChannel, ResponseStatus
from otklik.feedback.models import Interaction, Invitation, Response
from otklik.metrics import formulas, sketch, sqlite, waits
from otklik.metrics.models import (
    InteractionDay,
    InteractionRegionDay,
    InteractionWeek,
    MentionDay,
    SurveyDay,
    SurveyRegionDay,
    SurveyWeek,
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


# Slots, not frozen: a region's weekly table makes about 8 000 of them, and a frozen
# dataclass's ``__init__`` costs three times as much (1.8 µs against 0.66). Read-only by
# convention: the «no data» ones are shared (see ``_empty``).
@dataclass(slots=True)
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


# The weekly rollups (their Monday is their day) and the slice keys each holds.
_WEEKLY = {
    SURVEYS: (SurveyWeek, {"region", "journey", "stage", "touchpoint", "client_group"}),
    INTERACTIONS: (InteractionWeek, {"region", "journey", "stage", "touchpoint"}),
}


def _whole_weeks(period: Period) -> bool:
    return period.start.weekday() == 0 and period.days % 7 == 0


# --------------------------------------------------------------------------- statements
#
# A table's queries are the same for every region and week: only the values differ. They
# are built and compiled once per shape of ask (:class:`_Shape`) with slots for the values
# (:class:`_Slot`), and each ask runs the compiled SQL with its own values: the ORM's
# building and compiling was a seventh of a region's weekly table.


class _Slot(models.Expression):
    """A value of the ask in a query built once per shape: a slice's unit or a span's
    day (``moment`` makes the day a moment, for the facts' time fields). Compiled as a
    parameter left open, which :meth:`_Statement.rows` fills with the value as the ORM
    would have passed it (``get_db_prep_value`` of the field)."""

    def __init__(self, name: str, output_field: models.Field, moment=None):
        super().__init__(output_field=output_field)
        self.name, self.moment = name, moment

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def bound(self, values: dict):
        value = values[self.name]
        if self.moment is not None:
            value = self.moment(value)
        return self.output_field.get_db_prep_value(value, connection)


@dataclass(frozen=True)
class _Statement:
    """A query compiled once: its SQL, its parameters (slots among them) and its key
    columns: ``s`` (the span, where spans are split), ``g`` (the group) and ``extra``."""

    sql: str
    params: tuple
    spanned: bool
    extra: tuple[str, ...]
    read_key: Callable | None  # how the ``g`` values are read (``None``: as they come)

    @property
    def keys(self) -> tuple[str, ...]:
        return _key_names(self.spanned, self.extra)

    def rows(self, values: dict) -> tuple[list[str], list[tuple]]:
        """The column names and the rows, read as plain tuples: the ORM's per-value
        converters cost more than the query itself here (240 rows × 28 sums: 3 ms
        against 1.7 ms); every value is a number or a key, read by the caller."""
        params = [p.bound(values) if type(p) is _Slot else p for p in self.params]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            return [column[0] for column in cursor.description], cursor.fetchall()


def _compiled(rows: models.QuerySet, spanned: bool, extra: Sequence[str] = ()) -> _Statement:
    """The statement of rows keyed by :func:`_keyed`. SQLite gives a date as text, which
    the group's field reads; any other key is used as it comes."""
    sql, params = rows.query.sql_with_params()
    key_field = rows.query.annotations["g"].output_field
    read_key = key_field.to_python if isinstance(key_field, models.DateField) else None
    return _Statement(sql, tuple(params), spanned, tuple(extra), read_key)


#: How many statements of each kind are kept: the shapes pages and reports ask for are a
#: few dozen; the API can ask for any set of metrics, which must not fill the memory.
_STATEMENTS_KEPT = 256


@dataclass(frozen=True)
class _Shape:
    """What an ask's queries depend on, the values aside: the dimensions its slice names,
    its spans and its grouping. (And the settings, which do not change while the process
    runs: the database, and the time zone the facts' days are cut in.)"""

    dims: tuple[str, ...]
    spans: _SpanShape
    grouping: _Grouping

    def dimensions(self) -> set[str]:
        """The slice's dimensions and the one grouped by."""
        return {*self.dims, *self.grouping.dims()}


class _Ask:
    """One ask of :func:`_grouped`: a slice, its periods cut into spans, a grouping; the
    shape its queries have and the values that fill their slots."""

    __slots__ = ("slice", "spans", "grouping", "shape", "values")

    def __init__(self, slice_: Slice, spans: _Spans, grouping: _Grouping) -> None:
        given = slice_.given()
        self.slice, self.spans, self.grouping = slice_, spans, grouping
        self.shape = _Shape(tuple(given), spans.shape, grouping)
        self.values = {**given, **spans.values()}

    def of_period(self, index: int) -> _Ask:
        """The same ask for one of its periods alone."""
        return _Ask(self.slice, _Spans((self.spans.periods[index],)), self.grouping)


@dataclass(frozen=True)
class _SpanShape:
    """The spans of an ask as a query sees them: each span's first and end day as indexes
    of the ask's distinct period ends (``day0`` < ``day1`` < …, filled in per ask), and
    whether every period is whole weeks (the weekly rollups then hold them)."""

    spans: tuple[tuple[int, int], ...]
    whole_weeks: bool

    def within(self, column: str, field: models.Field, moment=None) -> Q:
        """The days of every span, on a day column or (``moment=day_start``) a moment."""
        condition, runs = Q(), []
        for start, end in self.spans:  # adjacent spans are one range
            if runs and runs[-1][1] == start:
                runs[-1][1] = end
            else:
                runs.append([start, end])
        for start, end in runs:
            condition |= Q(
                **{
                    f"{column}__gte": _Slot(f"day{start}", field, moment),
                    f"{column}__lt": _Slot(f"day{end}", field, moment),
                }
            )
        return condition

    def expression(self, column: str, field: models.Field, moment=None) -> models.Expression | None:
        """The index of a row's span (``None`` for a single span: nothing to split)."""
        if len(self.spans) == 1:
            return None
        whens = [
            When(**{f"{column}__lt": _Slot(f"day{end}", field, moment)}, then=Value(i))
            for i, (_start, end) in enumerate(self.spans[:-1])
        ]
        return Case(*whens, default=Value(len(self.spans) - 1))


@dataclass(frozen=True)
class _Spans:
    """The periods asked at once (this week, last week, the 8-week baseline), cut into
    the disjoint spans between their ends. One query per kind of fact groups by span and
    each period adds up its spans: a region's three tables take 7 queries instead of 15.
    """

    periods: tuple[Period, ...]
    ends: tuple[date, ...] = field(init=False)  # the periods' distinct ends, in order
    shape: _SpanShape = field(init=False)
    members: tuple[tuple[int, ...], ...] = field(init=False)  # per span: its periods

    def __post_init__(self) -> None:
        ends = sorted({day for p in self.periods for day in (p.start, p.end)})
        spans, members = [], []
        for index, start in enumerate(ends[:-1]):
            inside = tuple(i for i, p in enumerate(self.periods) if p.start <= start < p.end)
            if inside:  # a gap between two periods is not read at all
                spans.append((index, index + 1))
                members.append(inside)
        whole_weeks = all(_whole_weeks(p) for p in self.periods)
        object.__setattr__(self, "ends", tuple(ends))
        object.__setattr__(self, "shape", _SpanShape(tuple(spans), whole_weeks))
        object.__setattr__(self, "members", tuple(members))

    def values(self) -> dict[str, date]:
        """What fills the slots of :class:`_SpanShape`."""
        return {f"day{index}": day for index, day in enumerate(self.ends)}


def _rollup_for(
    family: str, dims: set[str], spans: _SpanShape, grouping: _Grouping
) -> tuple[type[models.Model], str]:
    """The smallest rollup table that holds these dimensions, and its day column."""
    if family == SURVEYS and dims <= {"region"}:
        return SurveyRegionDay, "day"
    if family == INTERACTIONS and dims <= {"region", "channel"}:
        return InteractionRegionDay, "day"
    weekly = grouping.granularity in (None, Granularity.WEEK) and spans.whole_weeks
    if weekly and family in _WEEKLY and dims <= _WEEKLY[family][1]:
        return _WEEKLY[family][0], "week"
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


def _statement(
    queryset: models.QuerySet,
    group: models.Expression | None,
    measures: dict[str, models.Expression],
    extra: Sequence[str] = (),
    at_least: tuple[str, int] | None = None,
    span: models.Expression | None = None,
) -> _Statement:
    """The grouped query that :func:`_sums` reads, compiled.

    ``group`` is what the rows are grouped by (``None``: all of them are one group).
    ``extra`` adds plain columns to the group (e.g. a channel for a breakdown).
    ``at_least`` = ``(measure, n)`` keeps only the groups whose measure reaches n
    (``HAVING``: small groups never leave the database). ``span`` (see
    :class:`_SpanShape`) groups by span as well.
    """
    queryset = _keyed(queryset.order_by(), group, span)
    rows = queryset.values(*_key_names(span is not None, extra))
    rows = rows.annotate(**measures)
    if at_least is not None and at_least[1] > 0:
        rows = rows.filter(**{f"{at_least[0]}__gte": at_least[1]})
    return _compiled(rows, span is not None, extra)


def _sums(statement: _Statement, values: dict, spans: _Spans | None = None) -> list[dict]:
    """Per period of ``spans`` (one without), ``{group value: measures}`` (a named tuple,
    see :func:`_measures`) from one grouped query run with the ask's ``values``: a
    period's measures are those of its spans added up. With ``extra`` columns the key is
    a tuple ``(group value, *extra values)``."""
    names, found = statement.rows(values)
    at = {name: names.index(name) for name in statement.keys}
    first = len(at)  # the measures follow the key columns
    if sorted(at.values()) != list(range(first)):  # pragma: no cover - the ORM's order
        raise RuntimeError(f"unexpected column order: {names}")
    measure_names = names[first:]
    # SQLite gives plain ints and floats (None for a sum of no rows); PostgreSQL a Decimal
    # for a sum of bigint. Read as they come where they can be: a region's table has
    # some 50 000 of them, added up per period as tuples.
    plain = connection.vendor == "sqlite"
    extra = statement.extra
    span = at["s"] if statement.spanned else None
    members = spans.members if spans is not None else ((0,),)  # one span: every period
    periods: list[dict] = [{} for _period in spans.periods] if spans is not None else [{}]
    for row, key in zip(found, _group_keys(statement, found, at["g"]), strict=True):
        if extra:
            key = (key, *(row[at[name]] for name in extra))
        numbers = row[first:]
        if not plain or None in numbers:
            numbers = tuple([_number(value) for value in numbers])
        for index in members[0 if span is None else row[span]]:
            into = periods[index]
            known = into.get(key)
            into[key] = numbers if known is None else tuple(map(add, known, numbers))
    made = _measures(tuple(measure_names))._make
    return [{key: made(numbers) for key, numbers in period.items()} for period in periods]


@cache
def _measures(names: tuple[str, ...]) -> type:
    """The sums of a group as a named tuple (``c.received``): made at a quarter of a
    dict's cost, some 2 000 times a table. One class per set of measures."""
    return namedtuple("Measures", names)


def _key_names(spanned: bool, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The key columns of rows keyed by :func:`_keyed`, in their order."""
    return ("s", "g", *extra) if spanned else ("g", *extra)


#: The group of a query without one: a constant, which no database groups by.
_ONE_GROUP = Value(None, output_field=models.IntegerField())


def _keyed(
    queryset: models.QuerySet, group: models.Expression | None, span: models.Expression | None
) -> models.QuerySet:
    """The rows with their group as ``g`` (``None`` for all in one) and, where spans are
    split, their span as ``s``."""
    if span is not None:
        queryset = queryset.annotate(s=span)
    return queryset.annotate(g=_ONE_GROUP if group is None else group)


def _group_keys(statement: _Statement, found: list[tuple], g: int) -> list:
    """The group key of each row, read as the statement says: all at once, not a call
    per row."""
    keys = [row[g] for row in found]
    reader = statement.read_key
    return keys if reader is None else [reader(key) for key in keys]


def _number(value):
    """An aggregate as a plain Python number: 0 for NULL (a sum of no rows); PostgreSQL
    gives a ``Decimal`` for a sum of ``bigint``: an ``int`` when whole, else a float."""
    kind = type(value)
    if kind is int or kind is float:
        return value
    if value is None:
        return 0
    return int(value) if value == value.to_integral_value() else float(value)


def _slot(dim: str) -> _Slot:
    """The slot of a slice's value: a unit's key, or a channel's code."""
    return _Slot(dim, models.CharField() if dim == "channel" else models.IntegerField())


def _rollup_rows(family: str, shape: _Shape):
    """The rollup rows of the slice and spans, the expression that groups them and the
    one that tells their span."""
    grouping = shape.grouping
    model, column = _rollup_for(family, shape.dimensions(), shape.spans, grouping)
    filters = {_ROLLUP_COLUMN[dim]: _slot(dim) for dim in shape.dims}
    day = models.DateField()
    rows = model.objects.filter(shape.spans.within(column, day), **filters)
    return rows, grouping.rollup_expression(column), shape.spans.expression(column, day)


def _fact_rows(
    family: str, queryset, shape: _Shape
) -> tuple[models.QuerySet, models.Expression | None]:
    """The facts of the slice and spans, and the expression that tells their span."""
    moment, fields = _MOMENT[family], _FACT_FIELD[family]
    filters = {fields[dim]: _slot(dim) for dim in shape.dims}
    at = models.DateTimeField()
    facts = queryset.filter(shape.spans.within(moment, at, day_start), **filters)
    return facts, shape.spans.expression(moment, at, day_start)


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


def _nps(c: tuple, _extra: dict) -> MetricValue:
    n = c.nps_promoters + c.nps_passives + c.nps_detractors
    return MetricValue(
        "NPS",
        formulas.nps(c.nps_promoters, c.nps_passives, c.nps_detractors),
        n,
        {
            "promoters": formulas.percent(c.nps_promoters, n),
            "passives": formulas.percent(c.nps_passives, n),
            "detractors": formulas.percent(c.nps_detractors, n),
        },
        {
            "positive": c.nps_promoters,
            "neutral": c.nps_passives,
            "negative": c.nps_detractors,
        },
    )


def _ces(c: tuple, _extra: dict) -> MetricValue:
    n = c.ces_easy + c.ces_neutral + c.ces_hard
    return MetricValue(
        "CES",
        formulas.ces(c.ces_easy, c.ces_neutral, c.ces_hard),
        n,
        {
            "mean": formulas.ces_mean(c.ces_sum, n),
            "easy": formulas.percent(c.ces_easy, n),
            "neutral": formulas.percent(c.ces_neutral, n),
            "hard": formulas.percent(c.ces_hard, n),
        },
        {
            "positive": c.ces_easy,
            "neutral": c.ces_neutral,
            "negative": c.ces_hard,
            "sum": c.ces_sum,
            "sumsq": c.ces_sumsq,
        },
    )


def _csat(c: tuple, _extra: dict) -> MetricValue:
    counts = {1: c.csat_1, 2: c.csat_2, 3: c.csat_3, 4: c.csat_4, 5: c.csat_5}
    summary = formulas.csat_summary(counts)
    if summary is None:
        return MetricValue(
            "CSAT", None, 0, {"delight": None, "distribution": None}, {"part": 0, "whole": 0}
        )
    return MetricValue(
        "CSAT",
        summary.csat,
        summary.n,
        # The levels are IntEnum members: ``distribution[3]`` reads it, JSON writes "3".
        {"delight": summary.delight, "distribution": summary.distribution},
        {"part": counts[3] + counts[4] + counts[5], "whole": summary.n},
    )


def _rr(c: tuple, _extra: dict) -> MetricValue:
    received = c.received
    return MetricValue(
        "RR",
        formulas.resolution_rate(c.resolved, received),
        received,
        counts={"part": c.resolved, "whole": received},
    )


def _er(c: tuple, _extra: dict) -> MetricValue:
    received = c.received
    return MetricValue(
        "ER",
        formulas.escalation_rate(c.escalated, received),
        received,
        counts={"part": c.escalated, "whole": received},
    )


def _fcr(c: tuple, _extra: dict) -> MetricValue:
    received, first = c.received, c.resolved_first_contact
    return MetricValue(
        "FCR",
        formulas.fcr(first, received),
        received,
        {
            "net_fcr": formulas.net_fcr(first, received, c.not_resolvable_first_contact),
            "resolvable": received - c.not_resolvable_first_contact,
        },
        {"part": first, "whole": received},
    )


def _rpc(c: tuple, _extra: dict) -> MetricValue:
    received = c.received
    return MetricValue(
        "RpC",
        formulas.replies_per_conversation(c.replies, received),
        received,
        counts={"n": received, "sum": c.replies, "sumsq": c.replies_sumsq},
    )


def _cv2(c: tuple, extra: dict) -> MetricValue:
    received, by_channel = c.received, extra.get("by_channel", {})
    return MetricValue(
        "CV-2",
        formulas.conversation_volume(by_channel) if by_channel else received,
        received,
        {
            "by_channel": by_channel,
            "outside_working_hours": formulas.share_outside_working_hours(
                c.outside_working_hours, received
            ),
        },
        {"n": received},
    )


def _ttfr_value(c: tuple, extra: dict) -> MetricValue:
    ttfr = extra.get("ttfr", {})
    return MetricValue(
        "TTFR",
        ttfr.get("median"),
        c.ttfr_n,
        {
            "mean": formulas.ttfr_mean_from_total(c.ttfr_sum, c.ttfr_n),
            "median": ttfr.get("median"),
            "p90": ttfr.get("p90"),
            "approximate": ttfr.get("approximate", False),
        },
        {"n": c.ttfr_n, "sum": c.ttfr_sum, "sumsq": c.ttfr_sumsq},
    )


def _cv1(c: tuple, extra: dict) -> MetricValue:
    breakdown = extra.get("breakdown") or {"platform": {}, "sentiment": {}, "client_group": {}}
    return MetricValue("CV-1", c.mentions, c.mentions, breakdown, {"n": c.mentions})


def _external_rating(c: tuple, _extra: dict) -> MetricValue:
    return MetricValue(
        "EXT_RATING",
        formulas.external_rating(c.stars_sum, c.stars_n),
        c.stars_n,
        counts={"n": c.stars_n, "sum": c.stars_sum, "sumsq": c.stars_sumsq},
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


def _values(
    family: str, c: tuple, codes: frozenset[str], extra: dict | None = None
) -> dict[str, MetricValue]:
    """The asked metrics of one family from its sums; only those are computed."""
    extra = extra or {}
    return {code: build(c, extra) for code, build in _builders(family, codes)}


@cache
def _builders(family: str, codes: frozenset[str]) -> tuple:
    """The builders of the asked codes of a family, in catalogue order (once per ask)."""
    return tuple(
        (code, build)
        for code, build in _BUILDERS.items()
        if code in codes and METRIC_FAMILY[code] == family
    )


# --------------------------------------------------------------------------- families


def _surveys(ask: _Ask) -> list[dict]:
    sums = _sums(_survey_statement(ask.shape), ask.values, ask.spans)
    return _per_period(sums, lambda c: _values(SURVEYS, c, ask.grouping.codes))


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _survey_statement(shape: _Shape) -> _Statement:
    rows, group, span = _rollup_rows(SURVEYS, shape)
    at_least = ("responses", shape.grouping.min_n)
    return _statement(rows, group, _sum_of(_SURVEY_SUMS), at_least=at_least, span=span)


def _per_period(sums: list[dict], build) -> list[dict]:
    """Each period's groups, each with the values ``build`` makes of its sums."""
    return [{key: build(c) for key, c in period_sums.items()} for period_sums in sums]


#: CV-2's split by channel, summed beside the other measures (one conditional sum per
#: channel) instead of a second query grouped by channel as well: 8 times fewer rows.
_CHANNEL_SUMS = {
    f"channel_{channel}": Sum("received", filter=Q(channel=channel))
    for channel in InteractionChannel.values
}
#: The weekly rollup has no channel key but a count per channel.
_WEEK_CHANNEL_SUMS = {
    f"channel_{channel}": Sum(f"received_{channel}") for channel in InteractionChannel.values
}


def _interactions(ask: _Ask) -> list[dict]:
    grouping = ask.grouping
    per_period = _sums(_interaction_statement(ask.shape), ask.values, ask.spans)
    ttfrs: list[dict] = [{} for _period in ask.spans.periods]
    if "TTFR" in grouping.codes and grouping.quantiles:  # quantiles do not add up
        ttfrs = _ttfr(ask, per_period)
    wants_split = "CV-2" in grouping.codes  # the split is CV-2's alone
    return [
        {
            key: _values(
                INTERACTIONS,
                c,
                grouping.codes,
                {"ttfr": ttfr.get(key, {}), "by_channel": _by_channel(c) if wants_split else {}},
            )
            for key, c in period_sums.items()
        }
        for period_sums, ttfr in zip(per_period, ttfrs, strict=True)
    ]


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _interaction_statement(shape: _Shape) -> _Statement:
    rows, group, span = _rollup_rows(INTERACTIONS, shape)
    # The channel sums come first: after ``received=Sum("received")`` the name would mean
    # that aggregate, not the column.
    measures = {}
    if "CV-2" in shape.grouping.codes:
        measures = _WEEK_CHANNEL_SUMS if rows.model is InteractionWeek else _CHANNEL_SUMS
    measures = {**measures, **_sum_of(_INTERACTION_SUMS)}
    at_least = ("received", shape.grouping.min_n)
    return _statement(rows, group, measures, at_least=at_least, span=span)


def _by_channel(c: tuple) -> dict[str, int]:
    """CV-2's split; a channel without conversations is left out."""
    return {channel: n for name, channel in _CHANNEL_NAMES if (n := getattr(c, name))}


_CHANNEL_NAMES = tuple((name, name.removeprefix("channel_")) for name in _CHANNEL_SUMS)


def _ttfr(ask: _Ask, sums: list[dict]) -> list[dict]:
    """Median and p90 of TTFR per group of each period (``sums``: its groups' sums): from
    the sketch for huge regional slices, else exact: from the waits of the weekly rollup
    when it holds the slice, from the facts otherwise."""
    spans, shape = ask.spans, ask.shape
    regional = shape.dimensions() <= {"region"}
    result: list[dict] = [{} for _period in spans.periods]
    exact = []
    for index, (period, period_sums) in enumerate(zip(spans.periods, sums, strict=True)):
        total = sum(c.ttfr_n for c in period_sums.values())
        if regional and total > EXACT_TTFR_LIMIT:
            result[index] = _ttfr_from_sketch(ask, period)
        elif total:
            exact.append(index)
    if exact and _weekly_waits(shape):
        from_waits = _ttfr_from_waits(ask)
        for index in exact:
            result[index] = from_waits[index]
        return result
    for index in exact:  # the facts of each period ranked by the database
        one = ask.of_period(index)
        result[index] = _ttfr_quantiles(_ttfr_facts_statement(one.shape), one.values)
    return result


def _weekly_waits(shape: _Shape) -> bool:
    """Whether the interactions of the ask are read from the weekly rollup, which keeps
    the waits themselves (the choice :func:`_rollup_rows` makes)."""
    model, _day = _rollup_for(INTERACTIONS, shape.dimensions(), shape.spans, shape.grouping)
    return model is InteractionWeek


def _ttfr_from_waits(ask: _Ask) -> list[dict]:
    """Median and p90 per group of each period from the weekly rollup's waits: a group's
    weeks of a period put together (sorted runs, which the sort merges)."""
    statement = _waits_statement(ask.shape)
    names, found = statement.rows(ask.values)
    at = {name: names.index(name) for name in (*statement.keys, "ttfr_waits")}
    spans = ask.spans
    together: list[dict] = [defaultdict(list) for _period in spans.periods]
    # The packed weeks of each group and period, unpacked once together.
    for row, key in zip(found, _group_keys(statement, found, at["g"]), strict=True):
        for index in spans.members[row[at["s"]] if statement.spanned else 0]:
            together[index][key].append(row[at["ttfr_waits"]])
    return [
        {
            key: _named(formulas.quantiles(waits.unpack(b"".join(weeks)), _TTFR_FRACTIONS))
            for key, weeks in groups.items()
        }
        for groups in together
    ]


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _waits_statement(shape: _Shape) -> _Statement:
    rows, group, span = _rollup_rows(INTERACTIONS, shape)
    rows = _keyed(rows.filter(ttfr_n__gt=0).order_by(), group, span)
    return _compiled(rows.values(*_key_names(span is not None), "ttfr_waits"), span is not None)


class _Quantiles(models.Aggregate):
    """The type-7 quantiles of ``formulas.quantile`` (position ``(n − 1)·q``, linear
    between the two order statistics around it) for each of ``qs``, as a list, sorting
    once: PostgreSQL's ``percentile_cont`` over an array of fractions, on SQLite the
    aggregate :mod:`otklik.metrics.sqlite` registers for them."""

    function = "percentile_cont"
    template = "to_jsonb(%(function)s(%(fractions)s) WITHIN GROUP (ORDER BY %(expressions)s))"
    output_field = models.JSONField()

    def __init__(self, expression: str, qs: Sequence[float]):
        self.qs = [float(q) for q in qs]  # numbers of ours, never input
        super().__init__(expression, fractions=f"ARRAY{self.qs}::float8[]")

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function=sqlite.quantiles_function(self.qs),
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )


def _ttfr_quantiles(statement: _Statement, values: dict) -> dict:
    """Median and p90 per group, exact, each group's first responses sorted once."""
    names, found = statement.rows(values)
    g, at = names.index("g"), names.index("quantiles")
    as_json = _Quantiles.output_field.from_db_value  # both databases give the JSON as text
    result = {}
    for row, key in zip(found, _group_keys(statement, found, g), strict=True):
        if row[at] is not None:  # no first responses (a query without a group gives a row)
            result[key] = _named(as_json(row[at], None, connection))
    return result


def _quantiles_statement(facts: models.QuerySet, group: models.Expression | None) -> _Statement:
    """The first responses' quantiles per group (``None``: of all the facts)."""
    rows = _keyed(facts.order_by(), group, None).values("g")
    return _compiled(rows.annotate(quantiles=_Quantiles("ttfr_seconds", _TTFR_FRACTIONS)), False)


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _ttfr_facts_statement(shape: _Shape) -> _Statement:
    first_responses = Interaction.objects.filter(ttfr_seconds__isnull=False)
    facts, _span = _fact_rows(INTERACTIONS, first_responses, shape)
    return _quantiles_statement(facts, shape.grouping.fact_expression(INTERACTIONS))


_TTFR_NAMES = [name for name, _q in formulas.TTFR_QUANTILES]
_TTFR_FRACTIONS = [q for _name, q in formulas.TTFR_QUANTILES]


def _named(values: Sequence[float]) -> dict[str, float]:
    """TTFR's quantiles by name (``median``, ``p90``), as floats on both databases:
    PostgreSQL's JSON writes 197.0 as 197."""
    return dict(zip(_TTFR_NAMES, map(float, values), strict=True))  # no Python loop: ~700 a table


def _ttfr_from_sketch(ask: _Ask, period: Period) -> dict:
    rows = TtfrSketchDay.objects.filter(day__gte=period.start, day__lt=period.end)
    if ask.slice.region is not None:
        rows = rows.filter(region_id=ask.slice.region)
    counts: dict = defaultdict(dict)
    group = ask.grouping.rollup_expression()
    # Its values are in the query (rare: a huge regional slice), compiled for this ask.
    (sums,) = _sums(_statement(rows, group, {"n": Sum("count")}, ["bucket"]), {})
    for (key, bucket), c in sums.items():
        counts[key][bucket] = c.n
    return {
        key: {
            **{q_name: sketch.quantile(buckets_, q) for q_name, q in formulas.TTFR_QUANTILES},
            "approximate": True,
        }
        for key, buckets_ in counts.items()
    }


def _mentions(ask: _Ask) -> list[dict]:
    spans, grouping = ask.spans, ask.grouping
    sums = _sums(_mention_statement(ask.shape), ask.values, spans)
    breakdowns = [
        defaultdict(lambda: {"platform": {}, "sentiment": {}, "client_group": {}})
        for _period in spans.periods
    ]
    for column in ("platform", "sentiment", "client_group_id") if "CV-1" in grouping.codes else ():
        name = column.removesuffix("_id")
        by_value = _sums(_mention_statement(ask.shape, column), ask.values, spans)
        for breakdown, period_sums in zip(breakdowns, by_value, strict=True):
            for (key, value), c in period_sums.items():
                breakdown[key][name][value or ""] = c.n
    return [
        {
            key: _values(MENTIONS, c, grouping.codes, {"breakdown": breakdown[key]})
            for key, c in period_sums.items()
        }
        for breakdown, period_sums in zip(breakdowns, sums, strict=True)
    ]


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _mention_statement(shape: _Shape, by_value: str | None = None) -> _Statement:
    """The mentions' sums, or (``by_value``: a column) their counts by its values."""
    rows, group, span = _rollup_rows(MENTIONS, shape)
    if by_value is not None:
        return _statement(rows, group, {"n": Sum("mentions")}, [by_value], span=span)
    at_least = ("mentions", shape.grouping.min_n)
    return _statement(rows, group, _sum_of(_MENTION_SUMS), at_least=at_least, span=span)


def _evaluations_values(ask: _Ask) -> list[dict]:
    return _per_period(_sums(_evaluation_statement(ask.shape), ask.values, ask.spans), _iqs)


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _evaluation_statement(shape: _Shape) -> _Statement:
    facts, span = _fact_rows(EVALUATIONS, _evaluations(), shape)
    return _statement(
        facts,
        shape.grouping.fact_expression(EVALUATIONS),
        {
            "n": Count("pk"),
            "total": Sum("iqs"),
            "sumsq": Sum(F("iqs") * F("iqs")),
            "critical_failed": Count("pk", filter=Q(critical_failed=True)),
        },
        at_least=("n", shape.grouping.min_n),
        span=span,
    )


def _iqs(c: tuple) -> dict[str, MetricValue]:
    return {
        "IQS": MetricValue(
            "IQS",
            formulas.iqs_overall_from_total(c.total, c.n),
            c.n,
            {"critical_failed": c.critical_failed},
            {"n": c.n, "sum": c.total, "sumsq": c.sumsq},
        )
    }


def _invitations(ask: _Ask) -> list[dict]:
    sums = _sums(_invitation_statement(ask.shape), ask.values, ask.spans)
    return _per_period(sums, _response_rate)


@lru_cache(maxsize=_STATEMENTS_KEPT)
def _invitation_statement(shape: _Shape) -> _Statement:
    sent = Invitation.objects.filter(sent_at__isnull=False)
    facts, span = _fact_rows(INVITATIONS, sent, shape)
    return _statement(
        facts,
        shape.grouping.fact_expression(INVITATIONS),
        {
            "invited": Count("pk"),
            # EXISTS, not a join: the planner then looks each invitation's answer up in an
            # index instead of walking all of it (measured 475 ms → tens). A range of one
            # id, not an equality: for an equality on a unique column SQLite takes that
            # column's index at once, without weighing the one of (invitation, status),
            # and reads each response's row for its status (a region's 2 031 invitations:
            # 6.3 ms against 3.2).
            "responded": Count(
                "pk",
                filter=Q(
                    Exists(
                        Response.objects.filter(
                            invitation__gte=OuterRef("pk"),
                            invitation__lte=OuterRef("pk"),
                            status=ResponseStatus.ACCEPTED,
                        )
                    )
                ),
            ),
        },
        at_least=("invited", shape.grouping.min_n),
        span=span,
    )


def _response_rate(c: tuple) -> dict[str, MetricValue]:
    return {
        "RESPONSE_RATE": MetricValue(
            "RESPONSE_RATE",
            formulas.response_rate(c.responded, c.invited),
            c.invited,
            counts={"part": c.responded, "whole": c.invited},
        )
    }


_FAMILY_QUERY = {
    SURVEYS: _surveys,
    INTERACTIONS: _interactions,
    MENTIONS: _mentions,
    EVALUATIONS: _evaluations_values,
    INVITATIONS: _invitations,
}

_EMPTY_SUMS = {
    family: _measures(tuple(names))._make([0] * len(names))
    for family, names in (
        (SURVEYS, _SURVEY_SUMS),
        (INTERACTIONS, _INTERACTION_SUMS),
        (MENTIONS, _MENTION_SUMS),
    )
}


@cache
def _empty(code: str) -> MetricValue:
    """A metric with no facts: «no data» (a volume: 0), with zero counts. Made once per
    code and shared (a table fills hundreds of empty cells; nothing changes a value)."""
    family = METRIC_FAMILY[code]
    if family in _EMPTY_SUMS:
        return _values(family, _EMPTY_SUMS[family], frozenset({code}))[code]
    if code == "IQS":
        return MetricValue("IQS", None, 0, counts={"n": 0, "sum": 0, "sumsq": 0})
    return MetricValue(code, None, 0, counts={"part": 0, "whole": 0})


def _codes(codes: Iterable[str] | None) -> list[str]:
    codes = list(codes) if codes is not None else list(METRIC_CODES)
    unknown = [code for code in codes if code not in METRIC_FAMILY]
    if unknown:
        raise ValueError(f"unknown metric codes: {', '.join(unknown)}")
    return codes


def _grouped(
    slice_: Slice, periods: Sequence[Period], grouping: _Grouping, fillers: dict[str, MetricValue]
) -> list[dict]:
    """Per period ``{group key: {code: MetricValue}}``, only the groups with facts, each
    with every code of ``fillers`` (see :func:`_fillers`): a code without facts keeps its
    filler, in place, so the codes stay in their order."""
    if grouping.min_n and len(periods) > 1:  # a group's size is a period's, not a span's
        return [_grouped(slice_, [period], grouping, fillers)[0] for period in periods]
    ask = _Ask(slice_, _Spans(tuple(periods)), grouping)
    result: list[dict] = [{} for _period in periods]
    wanted = ask.shape.dimensions()
    families = {METRIC_FAMILY[code] for code in grouping.codes}
    not_applicable = {f for f in families if not wanted <= FAMILY_DIMENSIONS[f]}
    for family in families - not_applicable:
        found = _FAMILY_QUERY[family](ask)
        for into, groups in zip(result, found, strict=True):
            for key, values in groups.items():
                group = into.get(key)
                if group is None:
                    into[key] = group = dict(fillers)
                group.update(values)
    return result


@cache
def _fillers(wanted: frozenset[str], codes: tuple[str, ...]) -> dict[str, MetricValue]:
    """What stands for each code a group has no value of, in the codes' order: «no data»,
    or «not applicable» for a slice naming ``wanted`` dimensions that the code's facts do
    not carry (made once per ask, shared; copied, never changed)."""
    return {
        code: _empty(code)
        if wanted <= FAMILY_DIMENSIONS[METRIC_FAMILY[code]]
        else MetricValue(code, None, 0, applicable=False)
        for code in codes
    }


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
    fillers = _fillers(frozenset(slice_.given()), tuple(codes))
    return _grouped(slice_, [period], asked, fillers)[0].get(None) or dict(fillers)


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
    return metric_tables(slice_, [period], by, codes, quantiles=quantiles, enough_only=enough_only)[
        0
    ]


def metric_tables(
    slice_: Slice,
    periods: Sequence[Period],
    by: str,
    codes: Iterable[str] | None = None,
    *,
    quantiles: bool = True,
    enough_only: bool = False,
) -> list[dict[int | str, dict[str, MetricValue]]]:
    """:func:`metric_table` for several periods at once (this week, last week and the
    baseline), in their order: one query per kind of fact reads them all and each
    period's sums are added up from it (TTFR's median and p90, which do not add up, are
    ranked per period: from the weekly rollup's waits, read once, or a query per period
    over the facts)."""
    if by not in DIMENSIONS:
        raise ValueError(f"unknown dimension {by!r}")
    codes = _codes(codes)
    asked = _Grouping(
        dimension=by,
        codes=frozenset(codes),
        quantiles=quantiles,
        min_n=settings.OTKLIK_METRIC_MIN_SAMPLE if enough_only else 0,
    )
    fillers = _fillers(frozenset(slice_.given()) | {by}, tuple(codes))
    return _grouped(slice_, periods, asked, fillers)


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
    fillers = _fillers(frozenset(slice_.given()), tuple(codes))
    grouped = _grouped(slice_, [period], asked, fillers)[0]
    by_start = {_as_date(key): values for key, values in grouped.items()}
    series = []
    for bucket in buckets(period, granularity):
        key = period_start(bucket.start, granularity)
        series.append((bucket, by_start.get(key) or dict(fillers)))
    return series


def _as_date(value) -> date:
    """A bucket's start as a date (a database may give a midnight datetime)."""
    return value.date() if isinstance(value, datetime) else value
