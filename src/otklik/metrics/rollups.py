"""Rollups: the facts added up per day, kept current as facts arrive, rebuildable.

Each rollup is one grouped query over a fact table (keys → measures), written by the
ORM so that it is the same query on SQLite and PostgreSQL. The same query serves both
ways of filling a rollup table:

* as facts arrive (:func:`record`), inside the transaction that stores them: the new
  facts' groups are added to the stored rows with ``INSERT … ON CONFLICT DO UPDATE SET
  n = n + excluded.n``, which is safe when several transactions add to one row at once;
* from scratch (:func:`rebuild`, ``otklik metrics rebuild``): the rows of a day range are
  deleted and inserted again from the facts, in one transaction, one day (or week) at a
  time: the bucket is then a constant of the query, not a time-zone conversion per fact
  (which SQLite runs as a Python function: 40 minutes for the national data set).

Days are local days of ``TIME_ZONE`` and weeks ISO weeks of them, keyed by their Monday;
a slice of the rollups and a slice of the facts over the same days hold the same facts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import psycopg
from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, F, Max, Min, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate, TruncMonth, TruncQuarter, TruncWeek
from django.db.models.lookups import Exact, GreaterThan, LessThan

from otklik.feedback.choices import InteractionChannel, QuestionType, ResponseStatus
from otklik.feedback.models import Answer, Interaction, Mention
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
from otklik.metrics.slices import Granularity, Period, buckets, period_start

SURVEYS, INTERACTIONS, MENTIONS = "surveys", "interactions", "mentions"
FAMILIES = (SURVEYS, INTERACTIONS, MENTIONS)


@dataclass(frozen=True)
class Rollup:
    model: type[models.Model]
    family: str
    facts: Callable[[], models.QuerySet]  # the facts that count
    moment: str  # the fact's time field (through relations), for days and day ranges
    fact_key: str  # the lookup that picks facts by the primary key of what was stored
    keys: Callable[[], dict[str, models.Expression]]  # the slice keys, the bucket aside
    measures: Callable[[], dict[str, models.Expression]]
    granularity: Granularity = Granularity.DAY  # a bucket is a local day or an ISO week

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def bucket_column(self) -> str:
        """``day``, or ``week`` (its Monday)."""
        return str(self.granularity)

    def all_keys(self, bucket: date | None = None) -> dict[str, models.Expression]:
        """Every key: the bucket (each fact's own, or the given one for all) and the slice."""
        if bucket is not None:
            first = Value(bucket, output_field=models.DateField())
        else:
            first = local_bucket(self.moment, self.granularity)
        return {self.bucket_column: first, **self.keys()}


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: date) -> datetime:
    """The aware moment a local day starts."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


TRUNC = {
    Granularity.WEEK: TruncWeek,
    Granularity.MONTH: TruncMonth,
    Granularity.QUARTER: TruncQuarter,
}


def local_bucket(moment: str, granularity: Granularity) -> models.Expression:
    """The first local day of the day, week, month or quarter a fact's moment falls in."""
    if granularity is Granularity.DAY:
        return TruncDate(moment, tzinfo=local_zone())
    return TRUNC[granularity](moment, tzinfo=local_zone(), output_field=models.DateField())


def _none_is_zero(field: str) -> models.Expression:
    return Coalesce(F(field), Value(0))


def _count(**conditions) -> Count:
    return Count("pk", filter=Q(**conditions))


# --------------------------------------------------------------------------- surveys


def _accepted_answers() -> models.QuerySet:
    return Answer.objects.filter(response__status=ResponseStatus.ACCEPTED)


def _survey_measures() -> dict[str, models.Expression]:
    ces = Q(type=QuestionType.CES)
    doubled, doubled_mid = F("score") * 2, F("scale_points") + 1  # 2·score vs 2·midpoint
    return {
        "responses": Count("response_id", distinct=True),
        "nps_promoters": _count(type=QuestionType.NPS, score__gte=9),
        "nps_passives": _count(type=QuestionType.NPS, score__in=(7, 8)),
        "nps_detractors": _count(type=QuestionType.NPS, score__lte=6),
        "ces_easy": Count("pk", filter=ces & Q(GreaterThan(doubled, doubled_mid))),
        "ces_neutral": Count("pk", filter=ces & Q(Exact(doubled, doubled_mid))),
        "ces_hard": Count("pk", filter=ces & Q(LessThan(doubled, doubled_mid))),
        "ces_sum": Sum("score", filter=ces, default=0),
        "ces_sumsq": Sum(F("score") * F("score"), filter=ces, default=0),
        **{f"csat_{level}": _count(type=QuestionType.CSAT, score=level) for level in range(1, 6)},
    }


def _survey_keys() -> dict[str, models.Expression]:
    return {
        "region_id": F("response__region_id"),
        "centre_id": _none_is_zero("response__centre_id"),
        "journey_id": F("response__journey_id"),
        "stage_id": F("response__touchpoint__stage_id"),
        "touchpoint_id": F("response__touchpoint_id"),
        "channel": F("response__channel"),
        "segment_id": _none_is_zero("response__segment_id"),
        "client_group_id": F("response__journey__client_group_id"),
    }


def _survey_week_keys() -> dict[str, models.Expression]:
    """The day table's keys that follow from the touchpoint (no centre, channel, segment)."""
    keys = _survey_keys()
    return {
        name: keys[name]
        for name in ("region_id", "journey_id", "stage_id", "touchpoint_id", "client_group_id")
    }


def _survey_region_keys() -> dict[str, models.Expression]:
    return {"region_id": F("response__region_id")}


# --------------------------------------------------------------------------- interactions


def _interaction_measures() -> dict[str, models.Expression]:
    return {
        "received": Count("pk"),
        "resolved": _count(resolved_at__isnull=False),
        "escalated": _count(escalated=True),
        "resolved_first_contact": _count(resolved_first_contact=True),
        "not_resolvable_first_contact": _count(resolvable_first_contact=False),
        "replies": Sum("replies", default=0),
        "replies_sumsq": Sum(F("replies") * F("replies"), default=0),
        "outside_working_hours": _count(outside_working_hours=True),
        "ttfr_n": Count("ttfr_seconds"),
        "ttfr_sum": Sum("ttfr_seconds", default=0.0),
        "ttfr_sumsq": Sum(F("ttfr_seconds") * F("ttfr_seconds"), default=0.0),
    }


class PackedWaits(models.Aggregate):
    """The group's first-response waits sorted and packed (:mod:`otklik.metrics.waits`);
    empty bytes for none. On SQLite the aggregate :mod:`otklik.metrics.sqlite` registers.
    Of a column only: PostgreSQL's form names its expression twice."""

    function = "string_agg"
    template = (
        "COALESCE(%(function)s(float8send(%(expressions)s), ''::bytea "
        "ORDER BY %(expressions)s), ''::bytea)"
    )
    output_field = models.BinaryField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="packed_waits",
            template="%(function)s(%(expressions)s)",
            **extra_context,
        )

    @staticmethod
    def merged(stored: str, new: str, vendor: str) -> str:
        """The stored waits with the new ones appended (SQLite's ``||`` makes text of two
        blobs)."""
        if vendor == "sqlite":
            return f"CAST({stored} || {new} AS BLOB)"
        return f"{stored} || {new}"


def _interaction_week_measures() -> dict[str, models.Expression]:
    """The day tables' measures, each channel's count (the weekly table's CV-2 split) and
    the waits themselves (its exact TTFR medians)."""
    by_channel = {f"received_{name}": _count(channel=name) for name in InteractionChannel.values}
    return {
        **_interaction_measures(),
        **by_channel,
        "ttfr_waits": PackedWaits("ttfr_seconds"),  # NULL (no first response) left out
    }


def _interaction_week_keys() -> dict[str, models.Expression]:
    return {
        "region_id": F("region_id"),
        "journey_id": _none_is_zero("touchpoint__stage__journey_id"),
        "stage_id": _none_is_zero("touchpoint__stage_id"),
        "touchpoint_id": _none_is_zero("touchpoint_id"),
    }


def _interaction_keys() -> dict[str, models.Expression]:
    return {
        **_interaction_week_keys(),
        "channel": F("channel"),
        "centre_id": _none_is_zero("centre_id"),
        "employee_id": _none_is_zero("employee_id"),
    }


def _interaction_region_keys() -> dict[str, models.Expression]:
    return {"region_id": F("region_id"), "channel": F("channel")}


# --------------------------------------------------------------------------- mentions


def _mention_keys() -> dict[str, models.Expression]:
    return {
        "region_id": F("region_id"),
        "centre_id": _none_is_zero("centre_id"),
        "platform": F("platform"),
        "sentiment": F("sentiment"),
        "client_group_id": _none_is_zero("client_group_id"),
    }


def _mention_measures() -> dict[str, models.Expression]:
    return {
        "mentions": Count("pk"),
        "stars_n": Count("stars"),
        "stars_sum": Sum("stars", default=0),
        "stars_sumsq": Sum(F("stars") * F("stars"), default=0),
    }


ROLLUPS = (
    Rollup(
        SurveyDay,
        SURVEYS,
        _accepted_answers,
        "response__submitted_at",
        "response_id",
        _survey_keys,
        _survey_measures,
    ),
    Rollup(
        SurveyRegionDay,
        SURVEYS,
        _accepted_answers,
        "response__submitted_at",
        "response_id",
        _survey_region_keys,
        _survey_measures,
    ),
    Rollup(
        SurveyWeek,
        SURVEYS,
        _accepted_answers,
        "response__submitted_at",
        "response_id",
        _survey_week_keys,
        _survey_measures,
        Granularity.WEEK,
    ),
    Rollup(
        InteractionDay,
        INTERACTIONS,
        Interaction.objects.all,
        "opened_at",
        "pk",
        _interaction_keys,
        _interaction_measures,
    ),
    Rollup(
        InteractionRegionDay,
        INTERACTIONS,
        Interaction.objects.all,
        "opened_at",
        "pk",
        _interaction_region_keys,
        _interaction_measures,
    ),
    Rollup(
        InteractionWeek,
        INTERACTIONS,
        Interaction.objects.all,
        "opened_at",
        "pk",
        _interaction_week_keys,
        _interaction_week_measures,
        Granularity.WEEK,
    ),
    Rollup(
        TtfrSketchDay,
        INTERACTIONS,
        lambda: Interaction.objects.filter(ttfr_bucket__isnull=False),
        "opened_at",
        "pk",
        lambda: {"region_id": F("region_id"), "bucket": F("ttfr_bucket")},
        lambda: {"count": Count("pk")},
    ),
    Rollup(
        MentionDay,
        MENTIONS,
        Mention.objects.all,
        "published_at",
        "pk",
        _mention_keys,
        _mention_measures,
    ),
)


def _merged(table: str, column: str, expression: models.Expression, vendor: str) -> str:
    """How the upsert adds a measure of new facts to a stored row: a count or a sum adds
    up; a measure that does not (packed waits) says how it merges (``merged``)."""
    stored, new = f"{table}.{column}", f"excluded.{column}"
    merged = getattr(expression, "merged", None)
    return merged(stored, new, vendor) if merged else f"{stored} + {new}"


@cache
def _statement(rollup: Rollup, upsert: bool, vendor: str) -> str:
    """``INSERT INTO rollup (…) SELECT … FROM (grouped facts)``, with ``{facts}`` for the
    grouped query's own SQL; the upsert form adds the facts to the stored rows. Names
    only, no values: the same for every database but for how waits are appended."""
    quote = connection.ops.quote_name
    keys, measures = list(rollup.all_keys()), rollup.measures()
    columns = ", ".join(quote(c) for c in [*keys, *measures])
    selected = ", ".join(f"s.{quote('k_' + c)}" for c in keys) + ", "
    selected += ", ".join(f"s.{quote('m_' + c)}" for c in measures)
    # Only quoted names from the models here; the values come from the ORM's parameters.
    # SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (its parser's rule).
    sql = f"INSERT INTO {quote(rollup.table)} ({columns}) "
    sql += f"SELECT {selected} FROM ({{facts}}) s WHERE 1 = 1"  # noqa: S608
    if upsert:
        updates = ", ".join(
            f"{quote(c)} = {_merged(quote(rollup.table), quote(c), expression, vendor)}"
            for c, expression in measures.items()
        )
        sql += f" ON CONFLICT ({', '.join(quote(c) for c in keys)}) DO UPDATE SET {updates}"
    return sql


def _grouped(rollup: Rollup, facts: models.QuerySet, bucket: date | None) -> models.QuerySet:
    keys = {f"k_{name}": expression for name, expression in rollup.all_keys(bucket).items()}
    measures = {f"m_{name}": expression for name, expression in rollup.measures().items()}
    return facts.order_by().values(**keys).annotate(**measures)


def _sql(
    rollup: Rollup, facts: models.QuerySet, *, upsert: bool, bucket: date | None = None
) -> tuple[str, list]:
    grouped_sql, params = _grouped(rollup, facts, bucket).query.sql_with_params()
    statement = _statement(rollup, upsert, connection.vendor)
    return statement.replace("{facts}", grouped_sql), list(params)


def _fill(
    rollup: Rollup, facts: models.QuerySet, *, upsert: bool, bucket: date | None = None
) -> None:
    sql, params = _sql(rollup, facts, upsert=upsert, bucket=bucket)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


_PLACEHOLDER = -7_777_777_777  # stands for the primary key in the cached statement
# Stands for the bucket in the cached rebuild statement (a Monday: its day or its week).
_PLACEHOLDER_WEEK = Period(date(1800, 1, 6), date(1800, 1, 13))


def _bucket_marks(whole: Period) -> tuple:
    """The parameters that name a bucket in the rebuild statement, as the ORM adapts them:
    its first day (the key) and the moments its facts lie between."""
    ops = connection.ops
    return (
        ops.adapt_datefield_value(whole.start),
        ops.adapt_datetimefield_value(day_start(whole.start)),
        ops.adapt_datetimefield_value(day_start(whole.end)),
    )


@cache
def _bucket_statement(rollup: Rollup, vendor: str) -> tuple[str, list, tuple[int, ...]]:
    """The rebuild of one day (or week) of a rollup, compiled once, and where its bucket's
    parameters are: every bucket is the same statement with other dates. Through the ORM
    each one cost a few milliseconds more than it ran on a day with few facts."""
    whole = Period.containing(_PLACEHOLDER_WEEK.start, rollup.granularity)
    facts = rollup.facts().filter(
        **{
            f"{rollup.moment}__gte": day_start(whole.start),
            f"{rollup.moment}__lt": day_start(whole.end),
        }
    )
    sql, params = _sql(rollup, facts, upsert=False, bucket=whole.start)
    return sql, params, _positions(rollup, params, _bucket_marks(whole))


def _positions(rollup: Rollup, params: list, marks: Iterable) -> tuple[int, ...]:
    """Where each placeholder of a statement compiled once stands among its parameters."""
    if any(params.count(mark) != 1 for mark in marks):  # pragma: no cover - the ORM's shape
        raise RuntimeError(f"a placeholder of {rollup.table}'s statement is not there once")
    return tuple(params.index(mark) for mark in marks)


def _rebuild_buckets(rollup: Rollup, days: Period) -> None:
    """Fill a rollup's days (or the whole weeks they touch) from the facts, one bucket per
    statement (why: the module's docstring)."""
    sql, params, at = _bucket_statement(rollup, connection.vendor)
    with connection.cursor() as cursor:
        for bucket in buckets(days, rollup.granularity):
            values = list(params)
            whole = Period.containing(bucket.start, rollup.granularity)
            for index, mark in zip(at, _bucket_marks(whole), strict=True):
                values[index] = mark
            cursor.execute(sql, values)


@cache
def _one_fact_statement(rollup: Rollup, vendor: str) -> tuple[str, list, int]:
    """The upsert of a single fact, compiled once: building it through the ORM costs
    several milliseconds, too much for every survey answer a citizen sends."""
    facts = rollup.facts().filter(**{rollup.fact_key: _PLACEHOLDER})
    sql, params = _sql(rollup, facts, upsert=True)
    (at,) = _positions(rollup, params, [_PLACEHOLDER])
    return sql, params, at


def _execute_prepared(sql: str, params: list) -> None:
    """Run a statement sent for every answer a citizen gives. On PostgreSQL it is a
    prepared statement, planned once per connection instead of for every answer (with it
    a submission costs half the CPU: ``bench/README.md``). Elsewhere an ordinary one."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        return
    connection.ensure_connection()
    # Django's cursors bind parameters on the client, which cannot prepare; this one is
    # on the same connection, so in the same transaction (and not in Django's query log).
    with psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)


def record(family: str, pks: Iterable[int]) -> None:
    """Add newly stored facts to every rollup of their family.

    ``pks`` are the primary keys of what was stored: responses (their accepted answers
    count), interactions or mentions. Call it inside the transaction that stores them.
    """
    pks = list(pks)
    if not pks:
        return
    for rollup in ROLLUPS:
        if rollup.family != family:
            continue
        if len(pks) == 1:
            sql, params, at = _one_fact_statement(rollup, connection.vendor)
            _execute_prepared(sql, [*params[:at], pks[0], *params[at + 1 :]])
        else:
            _fill(rollup, rollup.facts().filter(**{f"{rollup.fact_key}__in": pks}), upsert=True)


def _days_of_facts(rollup: Rollup) -> Period | None:
    """The local days from the first fact to the last, ``None`` without facts."""
    found = rollup.facts().aggregate(first=Min(rollup.moment), last=Max(rollup.moment))
    if found["first"] is None:
        return None
    first, last = (found[name].astimezone(local_zone()).date() for name in ("first", "last"))
    return Period(first, last + timedelta(days=1))


def rebuild(
    families: Iterable[str] = FAMILIES,
    start: date | None = None,
    end: date | None = None,
    *,
    tables: set[type[models.Model]] | None = None,
):
    """Fill the rollups again from the facts of local days ``[start, end)`` (all by default).

    A weekly rollup is rebuilt for the whole weeks those days touch. ``tables`` limits it
    to those rollup models (a migration that adds or changes one).
    """
    families = set(families)
    with transaction.atomic():
        for rollup in ROLLUPS:
            if rollup.family not in families or (tables is not None and rollup.model not in tables):
                continue
            column = rollup.bucket_column
            stale = rollup.model.objects.all()
            if start is not None:
                stale = stale.filter(**{f"{column}__gte": period_start(start, rollup.granularity)})
            if end is not None:
                stale = stale.filter(**{f"{column}__lt": end})
            stale.delete()
            if start is not None and end is not None:
                low, high = start, end
            else:  # an open end: up to the first or the last fact
                span = _days_of_facts(rollup)
                if span is None:
                    continue
                low = span.start if start is None else max(start, span.start)
                high = span.end if end is None else min(end, span.end)
            if low < high:
                _rebuild_buckets(rollup, Period(low, high))
