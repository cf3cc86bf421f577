"""«Показатели»: the weekly metric table of a unit (X, D1, D3) for staff.

One row per touchpoint of the unit's journeys in use (grouped by journey and stage), one
column per metric the touchpoints measure; each cell gives the value in Russian, the sample
size, the change against the week before, the KPI corridor status in words and colour, and
a drop badge with its confidence interval when the value fell significantly against the 8
weeks before (``status.drop_check``). Below the minimum sample the cell says «мало ответов».

The number of queries does not depend on the number of touchpoints: the three periods are
one ``metric_tables`` per grouping (touchpoint, journey) and a ``metric_values`` each for
the unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import pgettext

from otklik.journeys.choices import JourneyStatus
from otklik.journeys.kpis import Bounds, Status, corridor_status
from otklik.journeys.models import Journey, Stage, Touchpoint
from otklik.metrics import display, status
from otklik.metrics.catalogue import METRICS
from otklik.metrics.formulas import round_half_up
from otklik.metrics.queries import METRIC_FAMILY, MetricValue, metric_tables, metric_values
from otklik.metrics.slices import Granularity, Period, Slice, baseline
from otklik.org import access
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

#: What a touchpoint shows when it names no metric of its own (App. 4's survey trio).
FALLBACK_CODES = ("NPS", "CES", "CSAT")
#: The unit's headline when it has no journey in use: what its facts can tell.
UNIT_CODES = ("NPS", "CES", "CSAT", "RR", "CV-1", "CV-2", "TTFR", "ER", "FCR", "EXT_RATING")
CATALOGUE_ORDER = [code for code, _name, _unit, _higher in METRICS]
BASELINE_WEEKS = 8

STATUS_SYMBOL = {Status.GREEN: "✓", Status.AMBER: "!", Status.RED: "✕", Status.NO_DATA: ""}


# --------------------------------------------------------------------------- units and weeks


def units_for(user) -> list[Unit]:
    """The regions and centres whose metrics the user may see: every unit they hold a role
    in, and every centre of a region they hold a role in (superusers: all)."""
    scope = access.scope_for(user)
    units = Unit.objects.filter(is_active=True, kind__in=[UnitKind.REGION, UnitKind.CENTRE])
    if not scope.is_superuser:
        regions, centres = list(scope.region_roles), list(scope.centre_roles)
        units = units.filter(Q(pk__in=regions + centres) | Q(region_id__in=regions))
    units = list(units.select_related("region"))
    # Each region first, followed by its centres, alphabetically.
    return sorted(
        units,
        key=lambda u: (
            u.name if u.kind == UnitKind.REGION else u.region.name,
            u.kind != UnitKind.REGION,
            u.name,
        ),
    )


def _default_unit(user, units: list[Unit]) -> Unit:
    scope = access.scope_for(user)
    for unit in units:
        if unit.pk in scope.centre_roles:
            return unit
    return units[0]


def parse_week(text: str) -> Period:
    """``2026-W49`` → that ISO week, Monday to Monday; ``ValueError`` otherwise."""
    year, _sep, number = text.upper().partition("-W")
    if not 2000 <= int(year) <= 2100:
        raise ValueError(f"a week of {year}?")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return Period(monday, monday + timedelta(days=7))


def week_code(period: Period) -> str:
    year, number, _day = period.start.isocalendar()
    return f"{year}-W{number:02d}"


# --------------------------------------------------------------------------- corridors


def corridors(region_id: int) -> dict[tuple[int, str], Bounds]:
    """The corridor of each (client group, metric) from the region's key KPIs: the
    region's own override where there is one, the first KPI in the catalogue's order."""
    found: dict[tuple[int, str], Bounds] = {}
    for kpi, code, bounds in status.region_corridors(region_id):
        found.setdefault((kpi.client_group_id, code), bounds)
    return found


# --------------------------------------------------------------------------- cells


@dataclass
class Cell:
    code: str
    measured: bool = True
    shown: str = ""
    enough: bool = False
    applicable: bool = True
    n: int = 0
    change: str = ""
    trend: dict | None = None
    status: Status = Status.NO_DATA
    status_label: str = ""
    status_symbol: str = ""
    has_corridor: bool = False
    drop: str | None = None


def make_cell(
    code: str,
    now: MetricValue | None,
    before: MetricValue | None,
    base: MetricValue | None,
    bounds: Bounds | None,
) -> Cell:
    testable = now is not None and base is not None
    if now is None:  # no facts of this group in the week at all
        now = MetricValue(code, None, 0)
    cell = Cell(code, shown=display.shown(now), enough=now.enough, n=now.n)
    cell.applicable = now.applicable
    if not now.applicable:
        return cell
    if now.enough and before is not None and before.enough:
        delta = now.value - before.value
        if display.UNITS.get(code) in _WHOLE:  # «+0 п. п.» is no change
            delta = round_half_up(delta)
        cell.change = display.change(code, delta)
        cell.trend = display.trend(code, delta)
    if bounds is not None:
        cell.has_corridor = True
        cell.status = corridor_status(now.value if now.enough else None, bounds)
        cell.status_label = display.status_label(cell.status)
        cell.status_symbol = STATUS_SYMBOL[cell.status]
    if testable:
        check = status.drop_check(now, base)
        if check is not None and check.is_drop:
            low, high = check.change_ci
            cell.drop = pgettext("metrics page", "%(change)s; 95%% CI %(low)s…%(high)s") % {
                "change": display.change(code, check.change),
                "low": _signed(code, low),
                "high": _signed(code, high),
            }
    return cell


_WHOLE = {"index", "percent", "count"}


def _signed(code: str, x: float) -> str:
    """An end of an interval: a signed whole number in index points and percentage points
    (the unit is already given by the change beside it), a signed duration for times."""
    if display.UNITS.get(code) in _WHOLE:
        whole = int(round_half_up(x))
        return "0" if whole == 0 else (f"+{whole}" if whole > 0 else f"−{-whole}")
    return display.change(code, x)


@dataclass
class Row:
    label: str
    cells: list[Cell]
    kind: str = "touchpoint"  # or "unit", "journey"
    note: str = ""
    drops: int = 0


@dataclass
class StageGroup:
    stage: Stage
    rows: list[Row] = field(default_factory=list)


@dataclass
class JourneyGroup:
    journey: Journey
    row: Row
    stages: list[StageGroup] = field(default_factory=list)


def _row(label, codes, measured, now, before, base, bounds_of, kind="touchpoint", note=""):
    cells = []
    for code in codes:
        if code not in measured:
            cells.append(Cell(code, measured=False))
            continue
        cells.append(
            make_cell(
                code,
                now.get(code) if now else None,
                before.get(code) if before else None,
                base.get(code) if base else None,
                bounds_of(code),
            )
        )
    return Row(label, cells, kind, note, drops=sum(1 for c in cells if c.drop))


def _codes_of(touchpoint: Touchpoint) -> list[str]:
    codes = [m.code for m in touchpoint.metrics.all() if m.code in METRIC_FAMILY]
    return codes or list(FALLBACK_CODES)


# --------------------------------------------------------------------------- the page


@login_required
def week_table(request):
    units = units_for(request.user)
    if not units:
        raise Http404
    by_pk = {unit.pk: unit for unit in units}
    unit_id = request.GET.get("unit", "")
    if unit_id:
        if not unit_id.isdigit() or int(unit_id) not in by_pk:
            raise Http404
        unit = by_pk[int(unit_id)]
    else:
        unit = _default_unit(request.user, units)
    today = timezone.localdate()
    current = Period.containing(today, Granularity.WEEK)
    try:
        week = parse_week(request.GET["week"]) if request.GET.get("week") else current
    except ValueError:
        return HttpResponseBadRequest("week: YYYY-Www")

    region_id = unit.pk if unit.kind == UnitKind.REGION else unit.region_id
    unit_slice = Slice(region=unit.pk) if unit.kind == UnitKind.REGION else Slice(centre=unit.pk)
    journeys_q = Journey.objects.filter(status=JourneyStatus.ACTIVE, region_id=region_id)
    if unit.kind != UnitKind.REGION:
        journeys_q = journeys_q.filter(Q(centre=unit) | Q(centre__isnull=True))
    touchpoints = Touchpoint.objects.prefetch_related("metrics").order_by("order", "pk")
    journeys_q = journeys_q.select_related("client_group", "centre").prefetch_related(
        Prefetch(
            "stages",
            queryset=Stage.objects.order_by("order", "pk").prefetch_related(
                Prefetch("touchpoints", queryset=touchpoints)
            ),
        )
    )
    all_journeys = list(journeys_q.order_by("pk"))  # the order they were set up in
    journey = None
    if request.GET.get("journey"):
        chosen = request.GET["journey"]
        journey = next((j for j in all_journeys if str(j.pk) == chosen), None)
        if journey is None:
            raise Http404
    shown_journeys = [journey] if journey else all_journeys

    measured_by_tp = {
        tp.pk: _codes_of(tp)
        for j in shown_journeys
        for stage in j.stages.all()
        for tp in stage.touchpoints.all()
    }
    wanted = {code for codes in measured_by_tp.values() for code in codes}
    codes = [code for code in CATALOGUE_ORDER if code in (wanted or UNIT_CODES)]

    table_slice = unit_slice.with_(journey=journey.pk) if journey else unit_slice
    previous, base = week.previous(), baseline(week, BASELINE_WEEKS)
    by_tp = metric_tables(table_slice, [week, previous, base], "touchpoint", codes)
    by_journey = metric_tables(table_slice, [week, previous, base], "journey", codes)
    headline = [metric_values(unit_slice, p, codes) for p in (week, previous, base)]
    bounds = corridors(region_id)

    groups = {j.client_group_id for j in shown_journeys}
    headline_group = next(iter(groups)) if len(groups) == 1 else None
    unit_row = _row(
        unit.name,
        codes,
        set(codes),
        *headline,
        lambda code: bounds.get((headline_group, code)) if headline_group else None,
        kind="unit",
    )
    journey_groups = []
    for j in shown_journeys:

        def bounds_of(code, group=j.client_group_id):
            return bounds.get((group, code))

        row = _row(
            j.title,
            codes,
            set(codes),
            *(table.get(j.pk) for table in by_journey),
            bounds_of,
            kind="journey",
            note=j.client_group.name,
        )
        group = JourneyGroup(j, row)
        for stage in j.stages.all():
            stage_group = StageGroup(stage)
            for tp in stage.touchpoints.all():
                stage_group.rows.append(
                    _row(
                        tp.name,
                        codes,
                        set(measured_by_tp[tp.pk]),
                        *(table.get(tp.pk) for table in by_tp),
                        bounds_of,
                        note=tp.get_channel_display(),
                    )
                )
            if stage_group.rows:
                group.stages.append(stage_group)
        journey_groups.append(group)

    def link(**changes) -> str:
        params = {"unit": unit.pk, "week": week_code(week)}
        if journey:
            params["journey"] = journey.pk
        params.update(changes)
        return reverse("metrics_week") + "?" + urlencode({k: v for k, v in params.items() if v})

    next_week = Period(week.end, week.end + timedelta(days=7))
    drops = [
        (row.label, display.metric_name(cell.code), cell.drop)
        for group in journey_groups
        for stage in group.stages
        for row in stage.rows
        for cell in row.cells
        if cell.drop
    ]
    return render(
        request,
        "metrics/week_table.html",
        {
            "unit": unit,
            "units": units,
            "journey": journey,
            "journeys": all_journeys,
            "week": week,
            "week_number": week.start.isocalendar()[1],
            "week_code": week_code(week),
            "is_current": week == current,
            "previous_url": link(week=week_code(previous)),
            "next_url": link(week=week_code(next_week)) if week.end <= current.start else "",
            "current_url": link(week="") if week != current else "",
            "columns": [{"code": code, "name": display.metric_name(code)} for code in codes],
            "unit_row": unit_row,
            "journey_groups": journey_groups,
            "drops": drops,
            "min_sample": settings.OTKLIK_METRIC_MIN_SAMPLE,
            "baseline_weeks": BASELINE_WEEKS,
            "baseline": base,
        },
    )
