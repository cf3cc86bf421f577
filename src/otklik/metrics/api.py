"""REST API of the metrics (SPEC I1, X1–X12): ``GET /api/v1/metrics`` and ``…/series``.

Values come from :mod:`otklik.metrics.queries`, the same functions the dashboards use.
A slice is given by query parameters; the token's region (and centre) bound it: a unit,
journey or touchpoint outside them is a 422 on the parameter naming it, as an unknown one
would be. A period is ``start`` ≤ day < ``end`` in local days (``TIME_ZONE``).
"""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Q
from ninja import Query, Router, Schema
from ninja.responses import Status
from pydantic import Field, model_validator

from otklik.api.errors import Invalid, token_with_scope
from otklik.api.models import IntegrationToken, TokenScope
from otklik.api.schemas import MAX_YEAR, MIN_YEAR, Error, In, TouchpointCode, UnitCode, text
from otklik.journeys.models import Journey, Segment, Stage, Touchpoint
from otklik.metrics.queries import METRIC_CODES, MetricValue, metric_series, metric_values
from otklik.metrics.slices import Granularity, Period, Slice, buckets
from otklik.org.models import Unit, User
from otklik.org.roles import UnitKind

router = Router(tags=["metrics"])

ERRORS = {400: Error, 401: Error, 403: Error, 422: Error}
MAX_DAYS = 3 * 366  # a period or series spans at most three years
MAX_POINTS = 400  # buckets in one series

Id = Annotated[int, Field(ge=1, le=2**62)]


class MetricFilters(In):
    start: dt.date
    end: dt.date = Field(description="The first day after the period.")
    metric: list[Annotated[str, Field(max_length=32)]] = Field(
        default_factory=list, description=f"Metric codes; all when none: {', '.join(METRIC_CODES)}"
    )
    centre: UnitCode | None = None
    journey: Id | None = None
    stage: Id | None = None
    touchpoint: TouchpointCode | None = None
    channel: text(32) | None = None
    segment: Id | None = None
    client_group: Id | None = None
    employee: Id | None = None

    @model_validator(mode="after")
    def _period(self):
        for day in (self.start, self.end):
            if not MIN_YEAR <= day.year <= MAX_YEAR:
                raise ValueError(f"dates must be between the years {MIN_YEAR} and {MAX_YEAR}")
        if self.end <= self.start:
            raise ValueError("end must be after start")
        if (self.end - self.start).days > MAX_DAYS:
            raise ValueError(f"a period spans at most {MAX_DAYS} days")
        unknown = [code for code in self.metric if code not in METRIC_CODES]
        if unknown:
            raise ValueError(f"unknown metric codes: {', '.join(unknown)}")
        return self


class SeriesFilters(MetricFilters):
    granularity: Granularity = Granularity.WEEK


class MetricOut(Schema):
    code: str
    value: float | None = Field(description="null: no data, or not applicable to the slice")
    n: int = Field(description="sample size")
    enough: bool = Field(description="false below the minimum sample («мало ответов»)")
    applicable: bool
    detail: dict[str, Any]


class PeriodOut(Schema):
    start: dt.date
    end: dt.date


class ValuesOut(Schema):
    slice: dict[str, Any]
    period: PeriodOut
    metrics: list[MetricOut]


class PointOut(Schema):
    period: PeriodOut
    metrics: list[MetricOut]


class SeriesOut(Schema):
    slice: dict[str, Any]
    granularity: Granularity
    points: list[PointOut]


def _invalid(field: str, message: str) -> Invalid:
    return Invalid([{"index": None, "field": field, "message": message}])


def _slice(token: IntegrationToken, f: MetricFilters) -> tuple[Slice, dict]:
    """The slice the filters name, within the token's units; and how to echo it."""
    region = token.region_id
    centre = token.centre_id
    echo: dict[str, Any] = {"region": token.region.code}
    if f.centre is not None:
        unit = Unit.objects.filter(code=f.centre, kind=UnitKind.CENTRE, region_id=region).first()
        if unit is None or (centre is not None and unit.pk != centre):
            raise _invalid("centre", "Unknown centre.")
        centre = unit.pk
    if centre is not None:
        echo["centre"] = Unit.objects.get(pk=centre).code
    checks = [
        ("journey", f.journey, Journey.objects.filter(region_id=region)),
        ("stage", f.stage, Stage.objects.filter(journey__region_id=region)),
        ("segment", f.segment, Segment.objects.all()),
        (
            "employee",
            f.employee,
            User.objects.filter(
                Q(memberships__unit_id=region) | Q(memberships__unit__region_id=region)
            ),
        ),
    ]
    for field, value, allowed in checks:
        if value is not None and not allowed.filter(pk=value).exists():
            raise _invalid(field, f"Unknown {field}.")
    touchpoint = None
    if f.touchpoint is not None:
        touchpoint = (
            Touchpoint.objects.filter(public_code=f.touchpoint, stage__journey__region_id=region)
            .values_list("pk", flat=True)
            .first()
        )
        if touchpoint is None:
            raise _invalid("touchpoint", "Unknown touchpoint.")
        echo["touchpoint"] = f.touchpoint
    slice_ = Slice(
        region=region,
        centre=centre,
        journey=f.journey,
        stage=f.stage,
        touchpoint=touchpoint,
        channel=f.channel,
        segment=f.segment,
        client_group=f.client_group,
        employee=f.employee,
    )
    for name in ("journey", "stage", "channel", "segment", "client_group", "employee"):
        if getattr(slice_, name) is not None:
            echo[name] = getattr(slice_, name)
    return slice_, echo


def _out(values: dict[str, MetricValue]) -> list[dict]:
    return [
        {
            "code": v.code,
            "value": v.value,
            "n": v.n,
            "enough": v.enough,
            "applicable": v.applicable,
            "detail": v.detail,
        }
        for v in values.values()
    ]


@router.get(
    "/metrics",
    response={200: ValuesOut, **ERRORS},
    summary="Metric values of a slice over a period",
)
def get_metrics(request, filters: Query[MetricFilters]):
    token = token_with_scope(request, TokenScope.READ_METRICS)
    slice_, echo = _slice(token, filters)
    period = Period(filters.start, filters.end)
    values = metric_values(slice_, period, filters.metric or None)
    return Status(
        200,
        {
            "slice": echo,
            "period": {"start": period.start, "end": period.end},
            "metrics": _out(values),
        },
    )


@router.get(
    "/metrics/series",
    response={200: SeriesOut, **ERRORS},
    summary="A time series of metric values by day, week, month or quarter",
)
def get_series(request, filters: Query[SeriesFilters]):
    token = token_with_scope(request, TokenScope.READ_METRICS)
    slice_, echo = _slice(token, filters)
    period = Period(filters.start, filters.end)
    if len(buckets(period, filters.granularity)) > MAX_POINTS:
        raise _invalid("granularity", f"A series has at most {MAX_POINTS} points.")
    series = metric_series(slice_, period, filters.granularity, filters.metric or None)
    return Status(
        200,
        {
            "slice": echo,
            "granularity": filters.granularity,
            "points": [
                {"period": {"start": b.start, "end": b.end}, "metrics": _out(values)}
                for b, values in series
            ],
        },
    )
