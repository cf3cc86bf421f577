"""The journey heat map and the detail of one value (M7, D2, D4)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from otklik.dashboards import charts
from otklik.journeys import heatmap, services
from otklik.journeys.grid import build_grid
from otklik.journeys.models import Journey, Touchpoint
from otklik.metrics import display
from otklik.metrics.queries import METRIC_FAMILY, metric_values
from otklik.metrics.slices import Granularity
from otklik.metrics.status import drop_checks

COMMENTS_PER_PAGE = 20


def _selection(request, journey: Journey, in_scope: bool):
    choice = heatmap.choose_period(request.GET)
    centre = heatmap.choose_centre(request.user, journey, in_scope, request.GET.get("centre", ""))
    return choice, centre


def _query(choice, centre, period=None, granularity=None) -> str:
    params = choice.params(period, granularity)
    if centre.value and len(centre.options) > 1:
        params["centre"] = centre.value
    return urlencode(params)


def _navigation(choice, centre) -> dict:
    """Links of the period selector: week / month / quarter, previous and next."""
    return {
        "granularities": [
            {
                "value": str(g),
                "label": str(heatmap.GRANULARITY_LABELS[g]),
                "query": _query(choice, centre, choice.period, g),
                "current": g is choice.granularity,
            }
            for g in heatmap.GRANULARITIES
        ],
        "previous_query": _query(choice, centre, choice.previous),
        "next_query": _query(choice, centre, choice.next) if choice.next else "",
        "query": _query(choice, centre),
        "current_query": _query(
            choice, centre, heatmap.choose_period({"period": choice.granularity}).period
        ),
    }


def heatmap_context(request, journey: Journey, in_scope: bool, *, compact: bool = False) -> dict:
    """Everything the heat map template needs (also embedded on a team lead's home page)."""
    journey = services.journey_with_content(Journey.objects, journey.pk)
    choice, centre = _selection(request, journey, in_scope)
    content = services.snapshot(journey)
    grid = build_grid(content)
    values = heatmap.heat(content, journey, centre, choice)
    base = reverse("journey_heatmap", args=[journey.pk])
    query = _query(choice, centre)
    for tp_heat in values.values():
        for item in tp_heat.values:
            detail = reverse(
                "journey_heatmap_detail", args=[journey.pk, tp_heat.touchpoint_id, item.code]
            )
            item.url = f"{detail}?{query}"
    rows = {row.key: row for row in grid.rows}
    # The values right under the touchpoints' names, the rest of the map below them.
    order = ["touchpoint", "metrics"]
    if not compact:
        order += [key for key in rows if key not in order]
    return {
        "journey": journey,
        "grid": grid,
        "heat_rows": [rows[key] for key in order],
        "heat": values,
        "choice": choice,
        "centre": centre,
        "nav": _navigation(choice, centre),
        "heatmap_url": base,
        "drops": [
            {
                "id": tp["id"],
                "name": tp["name"],
                "stage": stage["name"],
                "values": [v for v in values[tp["id"]].values if v.drop],
            }
            for stage in content["stages"]
            for tp in stage["touchpoints"]
            if values[tp["id"]].has_drop
        ],
        "compact": compact,
        "min_sample": settings.OTKLIK_METRIC_MIN_SAMPLE,
    }


@login_required
def journey_heatmap(request, pk: int):
    journey, in_scope = heatmap.access_journey(request.user, pk)
    context = heatmap_context(request, journey, in_scope)
    return render(request, "journeys/heatmap.html", context)


@login_required
def heatmap_detail(request, pk: int, touchpoint_id: int, code: str):
    journey, in_scope = heatmap.access_journey(request.user, pk)
    if code not in METRIC_FAMILY:
        raise Http404
    touchpoint = get_object_or_404(
        Touchpoint.objects.select_related("stage"), pk=touchpoint_id, stage__journey=journey
    )
    choice, centre = _selection(request, journey, in_scope)
    slice_ = heatmap.journey_slice(journey, centre, touchpoint.pk)
    corridor = heatmap.corridors(journey).get(code)
    series, rows = heatmap.trend_rows(slice_, code, choice, corridor)
    # The chosen period's own value, and the one before it, for the summary.
    current = metric_values(slice_, choice.period, [code])[code]
    previous = metric_values(slice_, choice.previous, [code])[code]
    check = drop_checks(slice_, choice.period, [code]).get(code)
    item = heatmap.heat_value(code, current, previous, corridor, check)
    paginator = Paginator(
        heatmap.comments(request.user, in_scope, touchpoint, slice_, choice.period),
        COMMENTS_PER_PAGE,
    )
    page = paginator.get_page(request.GET.get("page"))
    query = _query(choice, centre)
    return render(
        request,
        "journeys/heatmap_detail.html",
        {
            "journey": journey,
            "touchpoint": touchpoint,
            "code": code,
            "item": item,
            "choice": choice,
            "centre": centre,
            "corridor": corridor,
            "distribution": heatmap.distribution(current),
            "facts": heatmap.detail_facts(current),
            "trend": rows,
            "trend_period": heatmap.trend_period(choice),
            "chart": _chart(series, code, touchpoint),
            "page": page,
            "comments": heatmap.readable_comments(page.object_list),
            "query": query,
            "nav": _navigation(choice, centre),
            "back_url": f"{reverse('journey_heatmap', args=[journey.pk])}?{query}",
            "min_sample": settings.OTKLIK_METRIC_MIN_SAMPLE,
        },
    )


def _chart(series, code: str, touchpoint: Touchpoint):
    """The 26 weeks as a line chart (Vega-Lite, with its own table view)."""
    return charts.trend_chart(
        series,
        code,
        granularity=Granularity.WEEK,
        title=display.metric_name(code),
        subtitle=touchpoint.name,
        key=f"trend-{touchpoint.pk}-{code}",
    )
