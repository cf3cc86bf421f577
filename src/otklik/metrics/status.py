"""Where a metric stands: against its KPI corridor (M4) and against its own baseline (X12).

Reads metric values through :mod:`otklik.metrics.queries`; the statistics are in
:mod:`otklik.metrics.alerts`, the corridor rule in :mod:`otklik.journeys.kpis`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from otklik.journeys.kpis import Bounds, Status, corridor_bounds, corridor_status
from otklik.journeys.models import ClientKPI
from otklik.metrics import alerts
from otklik.metrics.catalogue import METRICS
from otklik.metrics.queries import (
    FAMILY_DIMENSIONS,
    METRIC_FAMILY,
    VOLUMES,
    MetricValue,
    metric_table,
    metric_values,
)
from otklik.metrics.slices import Period, Slice, baseline

HIGHER_IS_BETTER = {code: higher for code, _name, _unit, higher in METRICS}

# The kind of estimate each metric's drop is tested on; volumes are not tested (more or
# fewer conversations is neither good nor bad by itself). TTFR is tested on its mean:
# the median has no variance that adds up across days (so the checks skip medians).
_INDEX = {"NPS", "CES"}
_PROPORTION = {"CSAT", "RR", "ER", "FCR", "RESPONSE_RATE"}
_MEAN = {"RpC", "TTFR", "EXT_RATING", "IQS"}


def estimate(value: MetricValue) -> alerts.Estimate | None:
    """The statistical estimate behind a metric value (``None`` for volumes)."""
    c = value.counts
    if value.code in _INDEX:
        return alerts.IndexEstimate(c["positive"], c["neutral"], c["negative"])
    if value.code in _PROPORTION:
        return alerts.ProportionEstimate(c["part"], c["whole"])
    if value.code in _MEAN:
        return alerts.MeanEstimate(c["n"], c["sum"], c["sumsq"])
    return None


def drop_check(current: MetricValue, base: MetricValue) -> alerts.DropCheck | None:
    """Has ``current`` fallen significantly against ``base``? ``None`` when not testable."""
    if current.code in VOLUMES or not current.applicable:
        return None
    return alerts.drop_alert(
        estimate(current),
        estimate(base),
        higher_is_better=HIGHER_IS_BETTER[current.code],
        min_n=settings.OTKLIK_METRIC_MIN_SAMPLE,
    )


def drop_checks(slice_: Slice, period: Period, codes=None) -> dict[str, alerts.DropCheck]:
    """Every testable metric of a slice: this period against the 8 weeks before it."""
    now = metric_values(slice_, period, codes, quantiles=False)
    before = metric_values(slice_, baseline(period), codes, quantiles=False)
    checks = {code: drop_check(value, before[code]) for code, value in now.items()}
    return {code: check for code, check in checks.items() if check is not None}


def table_drop_checks(
    slice_: Slice, period: Period, by: str, codes=None
) -> dict[int | str, dict[str, alerts.DropCheck]]:
    """:func:`drop_checks` for every group of a table (e.g. every touchpoint of a region).

    Only values with the minimum sample are tested: below it a drop test says nothing
    (``TOO_FEW``), and a national table has thousands of such groups.
    """
    now = metric_table(slice_, period, by, codes, quantiles=False, enough_only=True)
    before = metric_table(slice_, baseline(period), by, codes, quantiles=False, enough_only=True)
    result = {}
    for key, values in now.items():
        checks = {}
        for code, value in values.items():
            if value.n < settings.OTKLIK_METRIC_MIN_SAMPLE:
                continue
            base = before.get(key, {}).get(code)
            check = drop_check(value, base) if base is not None else None
            if check is not None:
                checks[code] = check
        result[key] = checks
    return result


@dataclass(frozen=True)
class KpiStatus:
    """One metric of one client KPI against its corridor."""

    kpi: ClientKPI
    code: str
    value: MetricValue
    bounds: Bounds
    status: Status  # «no data» also when there are too few answers (value.enough false)


def region_corridors(region_id: int):
    """``(kpi, code, bounds)`` for every metric of the region's key KPIs (common catalogue
    and its own), in the catalogue's order; the region's override of a corridor wins."""
    kpis = (
        ClientKPI.objects.filter(is_active=True)
        .filter(Q(region__isnull=True) | Q(region_id=region_id))
        .prefetch_related("bindings__metric", "bindings__overrides")
        .order_by("client_group", "category", "order", "pk")
    )
    for kpi in kpis:
        for binding in kpi.bindings.all():
            override = next((o for o in binding.overrides.all() if o.region_id == region_id), None)
            yield kpi, binding.metric.code, corridor_bounds(binding, override)


def kpi_statuses(slice_: Slice, period: Period, region_id: int) -> list[KpiStatus]:
    """Every metric of the region's key KPIs (common catalogue and its own) in corridor
    colours. A KPI's metrics are measured for its client group and segment where the facts
    carry them (survey answers do; interactions do not)."""
    result = []
    for kpi, code, bounds in region_corridors(region_id):
        if code not in METRIC_FAMILY:
            continue
        value = metric_values(_for_kpi(slice_, kpi, code), period, [code])[code]
        status = corridor_status(value.value if value.enough else None, bounds)
        result.append(KpiStatus(kpi, code, value, bounds, status))
    return result


def _for_kpi(slice_: Slice, kpi: ClientKPI, code: str) -> Slice:
    carried = FAMILY_DIMENSIONS[METRIC_FAMILY[code]]
    narrowed = {}
    if "client_group" in carried and slice_.client_group is None:
        narrowed["client_group"] = kpi.client_group_id
    if "segment" in carried and kpi.segment_id and slice_.segment is None:
        narrowed["segment"] = kpi.segment_id
    return slice_.with_(**narrowed)
