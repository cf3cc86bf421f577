"""Monitoring dashboards (D1) and the charts' self-hosted JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from otklik.dashboards import charts, monitoring
from otklik.dashboards.bundle import bundle_bytes, bundle_version
from otklik.dashboards.forms import DashboardFilters
from otklik.metrics.slices import Granularity, Period, Slice
from otklik.org.access import Scope, scope_for
from otklik.org.models import Unit
from otklik.org.roles import UnitKind

YEAR = 365 * 24 * 3600


@require_safe
def vega_bundle(request, version: str):
    """Vega + Vega-Lite + vega-embed, built offline by vl-convert; cached for a year
    (the URL names the version, so a new vl-convert is a new URL)."""
    if version != bundle_version():
        raise Http404
    gzipped = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        bundle_bytes(gzipped), content_type="application/javascript; charset=utf-8"
    )
    if gzipped:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


# --------------------------------------------------------------------------- access


def sees_service(scope: Scope) -> bool:
    """The whole service: the superuser, or whoever holds a role in every region."""
    if scope.is_superuser:
        return True
    regions = set(
        Unit.objects.filter(kind=UnitKind.REGION, is_active=True).values_list("pk", flat=True)
    )
    return bool(regions) and regions <= set(scope.region_roles)


def access_region(scope: Scope, pk: int) -> Unit:
    """A region's dashboard: for roles held in the whole region (404 otherwise)."""
    region = get_object_or_404(Unit, pk=pk, kind=UnitKind.REGION, is_active=True)
    if not (scope.is_superuser or region.pk in scope.region_roles):
        raise Http404
    return region


def access_centre(scope: Scope, pk: int) -> Unit:
    """A centre's dashboard: for every role in the centre or its region (404 otherwise)."""
    centre = get_object_or_404(
        Unit.objects.select_related("region"), pk=pk, kind=UnitKind.CENTRE, is_active=True
    )
    if not (scope.is_superuser or scope.roles_at(centre.region_id, centre.pk)):
        raise Http404
    return centre


def available(scope: Scope) -> dict:
    """The dashboards this user may open."""
    centres = Unit.objects.filter(kind=UnitKind.CENTRE, is_active=True).select_related("region")
    regions = Unit.objects.filter(kind=UnitKind.REGION, is_active=True)
    if not scope.is_superuser:
        centres = centres.filter(region_id__in=list(scope.region_roles)) | centres.filter(
            pk__in=list(scope.centre_roles)
        )
        regions = regions.filter(pk__in=list(scope.region_roles))
    return {
        "service": sees_service(scope),
        "regions": list(regions.order_by("name")),
        "centres": list(centres.order_by("region__name", "name")),
    }


# --------------------------------------------------------------------------- pages


@login_required
def dashboard_index(request):
    scope = scope_for(request.user)
    return render(request, "dashboards/index.html", available(scope))


@login_required
def service_dashboard(request):
    scope = scope_for(request.user)
    if not sees_service(scope):
        raise Http404
    return _dashboard(request, Slice(), _("The whole service"), None)


@login_required
def region_dashboard(request, pk: int):
    region = access_region(scope_for(request.user), pk)
    return _dashboard(request, Slice(region=region.pk), region.name, region)


@login_required
def centre_dashboard(request, pk: int):
    centre = access_centre(scope_for(request.user), pk)
    return _dashboard(
        request, Slice(region=centre.region_id, centre=centre.pk), centre.name, centre
    )


def _dashboard(request, base: Slice, name: str, unit: Unit | None):
    form = DashboardFilters(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    granularity = Granularity(data.get("granularity") or Granularity.WEEK)
    today = timezone.localdate()
    day = data.get("day")
    period = (
        Period.containing(day, granularity)
        if day
        else monitoring.default_period(today, granularity)
    )
    slice_ = base.with_(
        client_group=data["client_group"].pk if data.get("client_group") else None,
        segment=data["segment"].pk if data.get("segment") else None,
        channel=data.get("channel") or None,
    )
    code = data.get("metric") or "NPS"
    weeks = data.get("weeks") or 12

    previous = monitoring.previous_period(period, granularity)
    headline, now, before = monitoring.headlines(slice_, period, previous)
    label = charts.period_label(period, granularity)
    previous_label = charts.period_label(previous, granularity)

    def link(**changes) -> str:
        params = {k: v for k, v in request.GET.items() if v}
        params.update({k: v for k, v in changes.items()})
        return "?" + urlencode({k: v for k, v in params.items() if v})

    context = {
        "name": name,
        "unit": unit,
        "form": form,
        "period": period,
        "period_label": label,
        "previous_label": previous_label,
        "granularity": granularity,
        "headline": headline,
        "trend": monitoring.trend(slice_, period, code, weeks),
        "worst": monitoring.worst_touchpoints(slice_, period),
        "drops": monitoring.drops(slice_, period),
        "drops_by": monitoring.drops_by(slice_),
        "volumes": monitoring.volume_charts(now),
        "distributions": monitoring.distribution_charts(now, before, (previous_label, label)),
        "response_rates": monitoring.response_rates(slice_, period),
        "kpis": monitoring.kpi_corridors(slice_, period, base.region) if base.region else None,
        "previous_link": link(day=previous.start.isoformat()),
        "next_link": link(day=period.end.isoformat()) if period.end <= today else None,
        "filtered": bool(slice_.client_group or slice_.segment or slice_.channel),
        "segment_filtered": bool(slice_.segment or slice_.client_group),
        "channel_filtered": bool(slice_.channel),
        "baseline_start": period.start,
    }
    context.update(available(scope_for(request.user)))
    return render(request, "dashboards/dashboard.html", context)
