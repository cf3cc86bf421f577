"""The journey heat map (M7, D2): the journey's grid with live metric values per touchpoint.

Every touchpoint cell shows the metrics measured there (the touchpoint's own metric codes;
NPS, CES and CSAT when it names none), each with its sample size, its KPI corridor status
(a word and a symbol, the colour only repeats them), the trend against the previous period
and a «падение» mark where the drop test of X12 finds a significant fall.

The number of SQL queries does not depend on the number of touchpoints: one metric table
for the period, one for the previous period and one table of drop checks, all grouped by
touchpoint in the database (:mod:`otklik.metrics.queries`, :mod:`otklik.metrics.status`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import (
    CharField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.http import Http404
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.feedback import wall
from otklik.feedback.choices import QuestionType, ResponseStatus
from otklik.feedback.models import Answer, FeedbackItem
from otklik.journeys import selectors
from otklik.journeys.kpis import Bounds, Status, corridor_bounds, corridor_status
from otklik.journeys.models import ClientKPI, CorridorOverride, Journey, KPIMetric, Touchpoint
from otklik.metrics import display
from otklik.metrics.queries import (
    FAMILY_DIMENSIONS,
    METRIC_FAMILY,
    VOLUMES,
    MetricValue,
    metric_series,
    metric_table,
)
from otklik.metrics.rollups import day_start
from otklik.metrics.slices import Granularity, Period, Slice
from otklik.metrics.status import table_drop_checks
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

DEFAULT_CODES = ("NPS", "CES", "CSAT")
GRANULARITIES = (Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER)
GRANULARITY_LABELS = {
    Granularity.WEEK: gettext_lazy("Week"),
    Granularity.MONTH: gettext_lazy("Month"),
    Granularity.QUARTER: gettext_lazy("Quarter"),
}
AGAINST = {
    Granularity.WEEK: gettext_lazy("against the previous week"),
    Granularity.MONTH: gettext_lazy("against the previous month"),
    Granularity.QUARTER: gettext_lazy("against the previous quarter"),
}
TREND_WEEKS = 26
EARLIEST = date(2000, 1, 1)  # no period before it (nor a date arithmetic overflow)

# A symbol beside each status word, so that status never rests on colour alone.
STATUS_SYMBOLS = {
    Status.GREEN: "✓",
    Status.AMBER: "!",
    Status.RED: "✕",
    Status.NO_DATA: "·",
}
_WORST = [Status.RED, Status.AMBER, Status.GREEN]

# The five levels of the CSAT scale (App. 4), as the distribution shows them.
CSAT_LEVELS = {
    1: gettext_lazy("Disappointed"),
    2: gettext_lazy("Needs improvement"),
    3: gettext_lazy("Met expectations"),
    4: gettext_lazy("Exceeded expectations"),
    5: gettext_lazy("Greatly exceeded expectations"),
}


# --------------------------------------------------------------------------- access


def access_journey(user, pk: int) -> tuple[Journey, bool]:
    """The journey if the user may see its heat map, and whether it is in the user's units.

    Inside the user's units as every journey page; besides, every member of the journey's
    team and its team lead see its dashboards (D4). Anyone else: 404.
    """
    try:
        return selectors.access_journey(user, pk), True
    except Http404:
        journey = (
            Journey.objects.filter(Q(team=user) | Q(team_lead=user), pk=pk)
            .select_related("region", "centre")
            .distinct()
            .first()
        )
        if journey is None:
            raise
        return journey, False


# --------------------------------------------------------------------------- period


@dataclass(frozen=True)
class PeriodChoice:
    granularity: Granularity
    period: Period
    previous: Period
    next: Period | None  # None when the next period has not begun

    @property
    def label(self) -> str:
        return period_label(self.period, self.granularity)

    @property
    def against(self) -> str:
        return str(AGAINST[self.granularity])

    def params(self, period: Period | None = None, granularity: Granularity | None = None):
        """The query parameters that select a period (this one by default).

        Another length is chosen around the last day of this period seen so far: from the
        current week to the current month, from a past week to the month it ends in.
        """
        period = period or self.period
        day = period.start
        if granularity is not None and granularity is not self.granularity:
            day = min(period.last_day, timezone.localdate())
        return {"period": str(granularity or self.granularity), "start": day.isoformat()}


def choose_period(params, today: date | None = None) -> PeriodChoice:
    """The period asked for in ``?period=week|month|quarter&start=YYYY-MM-DD``.

    Anything unreadable, and any period after the current one, gives the current period:
    a link never shows an empty future. Nothing starts before 2000.
    """
    today = today or timezone.localdate()
    try:
        granularity = Granularity(params.get("period", Granularity.WEEK))
    except ValueError:
        granularity = Granularity.WEEK
    if granularity not in GRANULARITIES:
        granularity = Granularity.WEEK
    try:
        day = date.fromisoformat(params.get("start", ""))
    except ValueError:
        day = today
    day = min(max(day, EARLIEST), today)
    period = Period.containing(day, granularity)
    previous = Period.containing(period.start - timedelta(days=1), granularity)
    following = Period.containing(period.end, granularity)
    return PeriodChoice(
        granularity, period, previous, following if following.start <= today else None
    )


def period_label(period: Period, granularity: Granularity) -> str:
    if granularity is Granularity.WEEK:
        return _("%(start)s – %(end)s") % {
            "start": dateformat.format(period.start, "j E"),
            "end": dateformat.format(period.last_day, "j E Y"),
        }
    if granularity is Granularity.MONTH:
        return dateformat.format(period.start, "F Y")
    return _("Q%(quarter)s %(year)s") % {
        "quarter": (period.start.month - 1) // 3 + 1,
        "year": period.start.year,
    }


# --------------------------------------------------------------------------- centre


@dataclass(frozen=True)
class CentreChoice:
    """Whose facts the map shows: a centre, or the whole region (``centre`` None)."""

    centre: Unit | None
    options: list[tuple[str, str]]  # (value of ?centre=, label); one option: no choice
    region: Unit

    @property
    def value(self) -> str:
        return str(self.centre.pk) if self.centre else ""

    @property
    def label(self) -> str:
        if self.centre is not None:
            return self.centre.name
        return _("%(region)s, all centres") % {"region": self.region.name}


def choose_centre(user, journey: Journey, in_scope: bool, value: str) -> CentreChoice:
    """The centre asked for in ``?centre=``, among those of the journey the user may see.

    A journey of a centre shows that centre. A journey of the whole region shows the
    region's centres the user works in; whole-region roles (and the journey's team) also
    see the region as a whole, which is their default. A centre outside these: 404.
    """
    region = journey.region
    if journey.centre_id:
        return CentreChoice(journey.centre, [(str(journey.centre_id), journey.centre.name)], region)
    scope = access.scope_for(user)
    whole_region = not in_scope or scope.is_superuser or journey.region_id in scope.region_roles
    centres = Unit.objects.filter(kind=UnitKind.CENTRE, region=region, is_active=True)
    if not whole_region:
        centres = centres.filter(pk__in=list(scope.centre_roles))
    centres = list(centres.order_by("name"))
    options = [(str(c.pk), c.name) for c in centres]
    if whole_region:
        options.insert(0, ("", _("%(region)s, all centres") % {"region": region.name}))
    if value:
        chosen = next((c for c in centres if str(c.pk) == value), None)
        if chosen is None:
            raise Http404
        return CentreChoice(chosen, options, region)
    if whole_region or not centres:
        return CentreChoice(None, options, region)
    return CentreChoice(centres[0], options, region)


def journey_slice(journey: Journey, centre: CentreChoice, touchpoint: int | None = None) -> Slice:
    return Slice(
        journey=journey.pk,
        centre=centre.centre.pk if centre.centre else None,
        touchpoint=touchpoint,
    )


# --------------------------------------------------------------------------- corridors


@dataclass(frozen=True)
class Corridor:
    bounds: Bounds
    kpi: str  # the name of the client KPI the corridor comes from
    code: str

    @property
    def text(self) -> str:
        """«от +30», «до 4 ч», «70 % … 100 %»."""
        low, high = self.bounds.low, self.bounds.high
        if low is not None and high is not None:
            return f"{display.number(self.code, low)} … {display.number(self.code, high)}"
        if low is not None:
            return _("from %(value)s") % {"value": display.number(self.code, low)}
        return _("up to %(value)s") % {"value": display.number(self.code, high)}


def corridors(journey: Journey) -> dict[str, Corridor]:
    """The target corridor of each metric for the journey's clients (M4, §2.1.6–2.1.8).

    From the key KPIs of the journey's client group (the common catalogue and the region's
    own), with the region's corridor where it overrides the common one. When several KPIs
    bind a metric, the most specific wins: the journey's segment, then the region's own KPI,
    then the catalogue, in the KPIs' own order.
    """
    bindings = (
        KPIMetric.objects.filter(
            kpi__is_active=True,
            kpi__client_group_id=journey.client_group_id,
        )
        .filter(Q(kpi__region__isnull=True) | Q(kpi__region_id=journey.region_id))
        .filter(Q(kpi__segment__isnull=True) | Q(kpi__segment_id=journey.segment_id))
        .select_related("metric", "kpi")
        .prefetch_related(
            Prefetch(
                "overrides",
                queryset=CorridorOverride.objects.filter(region_id=journey.region_id),
                to_attr="regional",
            )
        )
    )

    def specificity(binding: KPIMetric):
        kpi: ClientKPI = binding.kpi
        return (kpi.segment_id is None, kpi.region_id is None, kpi.category, kpi.order, kpi.pk)

    result: dict[str, Corridor] = {}
    for binding in sorted(bindings, key=specificity):
        code = binding.metric.code
        if code in result:
            continue
        bounds = corridor_bounds(binding, binding.regional[0] if binding.regional else None)
        result[code] = Corridor(bounds, binding.kpi.name, code)
    return result


# --------------------------------------------------------------------------- values


@dataclass
class HeatValue:
    """One metric of one touchpoint as the heat map shows it."""

    code: str
    value: MetricValue
    previous: MetricValue | None
    corridor: Corridor | None
    drop: str | None = None
    status: Status | None = None  # None: no corridor for this metric
    trend: dict | None = None
    change: str = ""
    url: str = ""

    @property
    def name(self) -> str:
        return display.metric_name(self.code)

    @property
    def shown(self) -> str:
        return display.shown(self.value)

    @property
    def n(self) -> int:
        return self.value.n

    @property
    def enough(self) -> bool:
        return self.value.enough

    @property
    def applicable(self) -> bool:
        return self.value.applicable

    @property
    def status_class(self) -> str:
        if not self.enough:
            return "kpi-none"
        return f"kpi-{self.status}" if self.status is not None else "kpi-none"

    @property
    def status_text(self) -> str:
        if self.status is None:
            return _("no corridor set")
        return display.status_label(self.status)

    @property
    def from_surveys(self) -> bool:
        """Its sample is survey answers (otherwise conversations, evaluations, …)."""
        return METRIC_FAMILY.get(self.code) == "surveys"

    @property
    def status_symbol(self) -> str:
        return STATUS_SYMBOLS.get(self.status, "") if self.status else ""


def heat_value(
    code: str,
    value: MetricValue,
    previous: MetricValue | None,
    corridor: Corridor | None,
    check=None,
) -> HeatValue:
    item = HeatValue(code, value, previous, corridor)
    if corridor is not None:
        item.status = corridor_status(value.value if value.enough else None, corridor.bounds)
    if value.enough and previous is not None and previous.enough:
        delta = value.value - previous.value
        item.trend = display.trend(code, delta)
        if code in VOLUMES and item.trend["good"] is not None:
            # More or fewer conversations is neither good nor bad by itself.
            item.trend = {**item.trend, "label": _("more") if delta > 0 else _("fewer")}
            item.trend["good"] = None
        item.change = display.change(code, delta)
    item.drop = display.drop_text(check, code)
    return item


@dataclass
class TouchpointHeat:
    touchpoint_id: int
    values: list[HeatValue] = field(default_factory=list)

    @property
    def has_drop(self) -> bool:
        return any(v.drop for v in self.values)

    @property
    def worst(self) -> str:
        statuses = {v.status for v in self.values if v.enough and v.status is not None}
        for status in _WORST:
            if status in statuses:
                return str(status)
        return "none"


def codes_of(touchpoint: dict) -> list[str]:
    """The metrics a touchpoint measures (in catalogue order), NPS, CES and CSAT by default."""
    own = [code for code in touchpoint.get("metrics", []) if code in METRIC_FAMILY]
    ordered = [code for code in METRIC_FAMILY if code in own]
    return ordered or list(DEFAULT_CODES)


def heat(
    snapshot: dict, journey: Journey, centre: CentreChoice, choice: PeriodChoice
) -> dict[int, TouchpointHeat]:
    """Every touchpoint's values, keyed by touchpoint id, in a fixed number of queries."""
    touchpoints = [tp for stage in snapshot["stages"] for tp in stage["touchpoints"]]
    wanted = {tp["id"]: codes_of(tp) for tp in touchpoints}
    codes = [code for code in METRIC_FAMILY if any(code in c for c in wanted.values())]
    result = {tp_id: TouchpointHeat(tp_id) for tp_id in wanted}
    if not codes:
        return result
    slice_ = journey_slice(journey, centre)
    now = metric_table(slice_, choice.period, "touchpoint", codes)
    before = metric_table(slice_, choice.previous, "touchpoint", codes)
    checks = table_drop_checks(slice_, choice.period, "touchpoint", codes)
    bands = corridors(journey)
    for tp_id, tp_codes in wanted.items():
        current = now.get(tp_id) or _empty(slice_.with_(touchpoint=tp_id), tp_codes)
        previous = before.get(tp_id, {})
        for code in tp_codes:
            result[tp_id].values.append(
                heat_value(
                    code,
                    current[code],
                    previous.get(code),
                    bands.get(code),
                    checks.get(tp_id, {}).get(code),
                )
            )
    return result


def _empty(slice_: Slice, codes: list[str]) -> dict[str, MetricValue]:
    """«No data» for a touchpoint without facts in the period; «not applicable» for a
    metric whose facts do not carry the touchpoint (mentions: CV-1, external rating)."""
    given = set(slice_.given())
    return {
        code: MetricValue(code, None, 0, applicable=given <= FAMILY_DIMENSIONS[METRIC_FAMILY[code]])
        for code in codes
    }


# --------------------------------------------------------------------------- detail


def trend_period(choice: PeriodChoice) -> Period:
    """The 26 weeks that end with the week of the chosen period's last day."""
    end = Period.containing(choice.period.last_day, Granularity.WEEK).end
    return Period(end - timedelta(weeks=TREND_WEEKS), end)


def trend_rows(slice_: Slice, code: str, choice: PeriodChoice, corridor: Corridor | None):
    """The weekly series of one metric for the last 26 weeks, and its rows as the page
    shows them: (week, HeatValue) with the status and the change against the week before."""
    series = metric_series(slice_, trend_period(choice), Granularity.WEEK, [code])
    rows, previous = [], None
    for bucket, values in series:
        item = heat_value(code, values[code], previous, corridor)
        rows.append((bucket, item))
        previous = values[code]
    return series, rows


def distribution(value: MetricValue) -> list[dict]:
    """The parts behind a value: NPS groups, CES easy/neutral/hard, CSAT levels."""
    detail = value.detail or {}
    if value.code == "NPS":
        parts = [
            ("promoters", _("Promoters (9–10)"), "good"),
            ("passives", _("Passives (7–8)"), "neutral"),
            ("detractors", _("Detractors (0–6)"), "bad"),
        ]
    elif value.code == "CES":
        parts = [
            ("easy", _("Easy"), "good"),
            ("neutral", _("Neither easy nor hard"), "neutral"),
            ("hard", _("Hard"), "bad"),
        ]
    elif value.code == "CSAT":
        shares = detail.get("distribution") or {}
        return [
            {
                "label": str(CSAT_LEVELS[level]),
                "share": shares.get(level),
                "kind": "bad" if level < 3 else "good",
                "width": _width(shares.get(level)),
            }
            for level in sorted(CSAT_LEVELS, reverse=True)
        ]
    else:
        return []
    return [
        {"label": label, "share": detail.get(key), "kind": kind, "width": _width(detail.get(key))}
        for key, label, kind in parts
    ]


def _width(share: float | None) -> int:
    """A bar's length in whole per cent (a CSS class: the CSP allows no inline style)."""
    return max(0, min(100, round(share or 0)))


def detail_facts(value: MetricValue) -> list[tuple[str, str]]:
    """Other figures behind a value: the CES mean, CSAT delight, TTFR mean and p90, …"""
    detail = value.detail or {}
    facts = []
    if value.code == "CES" and detail.get("mean") is not None:
        facts.append((_("Mean score"), display.number("RpC", detail["mean"])))
    if value.code == "CSAT" and detail.get("delight") is not None:
        facts.append((_("Delight (above expectations)"), display.number("CSAT", detail["delight"])))
    if value.code == "TTFR":
        for key, label in (
            ("mean", _("Mean")),
            ("median", _("Median")),
            ("p90", _("90th percentile")),
        ):
            if detail.get(key) is not None:
                facts.append((label, display.number("TTFR", detail[key])))
    if value.code == "FCR" and detail.get("net_fcr") is not None:
        facts.append((_("Net FCR"), display.number("FCR", detail["net_fcr"])))
    return facts


# --------------------------------------------------------------------------- comments


def comments(
    user, in_scope: bool, touchpoint: Touchpoint, slice_: Slice, period: Period
) -> QuerySet:
    """The words behind a touchpoint's values in the period, newest first.

    The free-text answers of its accepted survey responses (with the same response's NPS
    score) and the feedback items linked to it that the user may see. Rows are plain
    values: no contact, no author, no staff field leaves the database.
    """
    start, end = day_start(period.start), day_start(period.end)
    nps = Answer.objects.filter(response=OuterRef("response"), type=QuestionType.NPS).values(
        "score"
    )[:1]
    answers = Answer.objects.filter(
        response__touchpoint=touchpoint,
        response__status=ResponseStatus.ACCEPTED,
        response__submitted_at__gte=start,
        response__submitted_at__lt=end,
        type=QuestionType.TEXT,
    ).exclude(text="")
    items = FeedbackItem.objects.filter(
        touchpoint=touchpoint, received_at__gte=start, received_at__lt=end
    )
    if slice_.centre is not None:
        answers = answers.filter(response__centre_id=slice_.centre)
        items = items.filter(centre_id=slice_.centre)
    if in_scope:
        items = items.filter(pk__in=wall.items_for(user).values("pk"))
    answers = answers.annotate(
        kind=Value("answer", output_field=CharField()),
        ident=F("pk"),
        at=F("response__submitted_at"),
        body=F("text"),
        nps_score=Subquery(nps, output_field=IntegerField()),
        stars=Value(None, output_field=IntegerField()),
        source=F("response__channel"),
    ).values("kind", "ident", "at", "body", "nps_score", "stars", "source")
    items = items.annotate(
        kind=Value("item", output_field=CharField()),
        ident=F("pk"),
        at=F("received_at"),
        body=F("text"),
        nps_score=Value(None, output_field=IntegerField()),
        stars=F("rating"),
        source=F("channel"),
    ).values("kind", "ident", "at", "body", "nps_score", "stars", "source")
    return answers.order_by().union(items.order_by(), all=True).order_by("-at", "-ident")


def readable_comments(rows) -> list[dict]:
    """A page of comments as shown: personal data masked again, sources named."""
    from otklik.feedback.choices import FeedbackChannel, ResponseChannel

    result = []
    for row in rows:
        labels = ResponseChannel if row["kind"] == "answer" else FeedbackChannel
        source = labels(row["source"]).label if row["source"] in labels.values else row["source"]
        result.append(
            {
                **row,
                "text": wall.mask_personal_data(row["body"] or "").text,
                "source_label": source,
                "score_kind": _score_kind(row["nps_score"]),
            }
        )
    return result


def _score_kind(score: int | None) -> str:
    if score is None:
        return ""
    if score >= 9:
        return _("promoter")
    if score >= 7:
        return _("passive")
    return _("detractor")
