"""The monitoring dashboard (D1) of a centre, a region or the whole service, as plain data.

Everything is read through the metrics engine (:mod:`otklik.metrics.queries` and
:mod:`otklik.metrics.status`) in a fixed number of grouped queries: the number of SQL
queries does not grow with the number of touchpoints, centres or channels.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _

from otklik.dashboards import charts
from otklik.feedback.choices import InteractionChannel, MentionPlatform, ResponseChannel, Sentiment
from otklik.metrics import display, status
from otklik.metrics.display import UNITS
from otklik.metrics.formulas import round_half_up
from otklik.metrics.queries import (
    VOLUMES,
    MetricValue,
    metric_series,
    metric_table,
    metric_values,
)
from otklik.metrics.slices import Granularity, Period, Slice, baseline, period_start

# The headline metrics, in the order a director reads them.
HEADLINE = [
    "NPS",
    "CES",
    "CSAT",
    "RESPONSE_RATE",
    "RR",
    "FCR",
    "TTFR",
    "ER",
    "RpC",
    "IQS",
    "CV-2",
    "CV-1",
    "EXT_RATING",
]
# Metrics a trend can be drawn for (the selector under the chart).
TREND_CODES = ["NPS", "CES", "CSAT", "RR", "FCR", "TTFR", "IQS", "RESPONSE_RATE", "CV-2"]
# Touchpoint metrics tested for drops (the facts that carry a touchpoint).
TOUCHPOINT_CODES = ["NPS", "CES", "CSAT", "RR", "FCR", "TTFR", "ER", "RESPONSE_RATE"]
WORST_COUNT = 8


def channel_labels() -> dict[str, str]:
    labels = {code: str(label) for code, label in ResponseChannel.choices}
    labels.update({code: str(label) for code, label in InteractionChannel.choices})
    return labels


@dataclass
class Headline:
    code: str
    name: str
    value: MetricValue
    shown: str
    n: int
    previous: str
    previous_trend: dict
    baseline: str
    baseline_trend: dict
    drop: str | None
    note: str = ""


@dataclass
class TouchpointRow:
    touchpoint: object
    values: dict
    shown: dict


def default_period(today: date, granularity: Granularity) -> Period:
    """The last complete week or month before ``today``."""
    current = Period.containing(today, granularity)
    return Period.containing(current.start - timedelta(days=1), granularity)


def _delta(now: MetricValue, before: MetricValue, scale: float = 1.0) -> float | None:
    """The change as a person reads it: rounded as :mod:`display` shows the values, so that
    «−0 п. п. (хуже)» never appears for a change that shows as zero."""
    if not (now.enough and before.enough):
        return None
    delta = now.value - before.value * scale
    unit = UNITS.get(now.code)
    if unit in ("index", "percent", "count"):
        return float(round_half_up(delta))
    if unit in ("ratio", "stars"):
        return float(round_half_up(delta, 1))
    return delta


def _trend(code: str, delta: float | None) -> dict:
    """display.trend, except that a volume is more or fewer, neither better nor worse."""
    result = display.trend(code, delta)
    if code in VOLUMES and result["good"] is not None:
        result = {**result, "good": None, "label": _("more") if delta > 0 else _("fewer")}
    return result


def previous_period(period: Period, granularity: Granularity) -> Period:
    """The week or calendar month before (``Period.previous`` keeps the length)."""
    return Period.containing(period.start - timedelta(days=1), granularity)


def headlines(slice_: Slice, period: Period, previous: Period) -> tuple[list[Headline], dict, dict]:
    """Headline metrics with the change against the previous period and the baseline.

    Three :func:`metric_values` calls (this period, the one before, the 8-week baseline).
    """
    now = metric_values(slice_, period, HEADLINE)
    before = metric_values(slice_, previous, HEADLINE)
    base = metric_values(slice_, baseline(period), HEADLINE)
    # A volume is compared with the baseline's average over a period of this length.
    per_period = period.days / baseline(period).days
    result = []
    for code in HEADLINE:
        value = now[code]
        d_prev = _delta(value, before[code])
        d_base = _delta(value, base[code], per_period if code in VOLUMES else 1.0)
        check = status.drop_check(value, base[code])
        note = ""
        if code == "TTFR" and value.enough and value.detail.get("p90") is not None:
            note = _("mean %(mean)s, 90th percentile %(p90)s") % {
                "mean": display.number(code, value.detail.get("mean")),
                "p90": display.number(code, value.detail["p90"]),
            }
        elif code == "CV-2" and value.enough:
            share = value.detail.get("outside_working_hours")
            if share is not None:
                note = _("outside working hours: %(share)s") % {
                    "share": display.number("CSAT", share)
                }
        elif code == "CES" and value.enough and value.detail.get("mean") is not None:
            note = _("mean score %(mean)s") % {"mean": display.number("RpC", value.detail["mean"])}
        result.append(
            Headline(
                code=code,
                name=display.metric_name(code),
                value=value,
                shown=display.shown(value),
                n=value.n,
                previous=display.change(code, d_prev),
                previous_trend=_trend(code, d_prev),
                baseline=display.change(code, d_base),
                baseline_trend=_trend(code, d_base),
                drop=display.drop_text(check, code),
                note=note,
            )
        )
    return result, now, before


def trend(slice_: Slice, period: Period, code: str, weeks: int) -> charts.Chart:
    """The weekly trend of one metric over the ``weeks`` whole weeks that end by the end of
    ``period`` (a month's last, unfinished week is left out rather than shown as a fall)."""
    end = period_start(period.end, Granularity.WEEK)
    span = Period(end - timedelta(weeks=weeks), end)
    series = metric_series(slice_, span, Granularity.WEEK, [code])
    return charts.trend_chart(
        series,
        code,
        granularity=Granularity.WEEK,
        subtitle=_("by week, last %(weeks)s weeks") % {"weeks": weeks},
        key="trend",
    )


def worst_touchpoints(slice_: Slice, period: Period) -> list[TouchpointRow]:
    """The worst touchpoints: lowest NPS, then CSAT, with enough answers in the period.

    One grouped query over the survey rollups and one for the touchpoints' names,
    independent of how many touchpoints there are.
    """
    from otklik.journeys.models import Touchpoint

    now = metric_table(slice_, period, "touchpoint", ["NPS", "CSAT", "CES"], enough_only=True)
    names = {
        tp.pk: tp
        for tp in Touchpoint.objects.filter(pk__in=set(now)).select_related(
            "stage__journey__centre"
        )
    }
    rows = [
        TouchpointRow(names[tp_id], values, {c: display.shown(v) for c, v in values.items()})
        for tp_id, values in now.items()
        if tp_id in names and (values["NPS"].enough or values["CSAT"].enough)
    ]
    rows.sort(
        key=lambda row: (
            row.values["NPS"].value if row.values["NPS"].enough else 1000,
            row.values["CSAT"].value if row.values["CSAT"].enough else 1000,
        )
    )
    return rows[:WORST_COUNT]


def drops_by(slice_: Slice) -> str:
    """What the drop alerts of a slice are told by: ``touchpoint``, or ``region`` for the
    whole service (see :func:`drops`)."""
    return "touchpoint" if slice_.region else "region"


def drops(slice_: Slice, period: Period) -> list[dict]:
    """Significant falls against their own 8-week baseline: of every touchpoint in a
    centre or a region; of every region in the whole service, where the touchpoints are
    tens of thousands with a handful of answers each and the region's own dashboard
    names the touchpoints behind its drop.

    Each drop is ``label``, ``context`` (where it is), ``url``, ``code``, ``name``,
    ``text`` and ``change``; a fixed number of grouped queries per fact family.
    """
    by = drops_by(slice_)
    checks = status.table_drop_checks(slice_, period, by, TOUCHPOINT_CODES)
    places = _drop_places(by, [key for key, by_code in checks.items() if by_code])
    result = []
    for key, by_code in checks.items():
        for code, check in by_code.items():
            text = display.drop_text(check, code)
            if text and key in places:
                result.append(
                    {
                        **places[key],
                        "code": code,
                        "name": display.metric_name(code),
                        "text": text,
                        "change": check.change,
                    }
                )
    result.sort(key=lambda d: (d["sort"], d["code"]))
    return result


def _drop_places(by: str, keys: list[int]) -> dict[int, dict]:
    """What a drop's row says about its touchpoint or region, and where it links."""
    from otklik.journeys.models import Touchpoint
    from otklik.org.models import Unit

    if by == "region":
        return {
            region.pk: {
                "label": region.name,
                "context": "",
                "centre": None,
                "url": reverse("dashboard_region", args=[region.pk]),
                "sort": (region.name,),
            }
            for region in Unit.objects.filter(pk__in=keys)
        }
    touchpoints = Touchpoint.objects.filter(pk__in=keys).select_related("stage__journey__centre")
    return {
        tp.pk: {
            "label": tp.name,
            "context": f"{tp.stage.journey.title} · {tp.stage.name}",
            "centre": tp.stage.journey.centre,
            "url": reverse("journey_map", args=[tp.stage.journey_id]),
            "sort": (tp.stage.journey.title, tp.name),
        }
        for tp in touchpoints
    }


def response_rates(slice_: Slice, period: Period) -> list[dict]:
    """Survey response rate by channel: invitations, answers, rate (one grouped query)."""
    labels = channel_labels()
    table = metric_table(slice_, period, "channel", ["RESPONSE_RATE"])
    rows = []
    for channel, values in sorted(table.items(), key=lambda item: labels.get(item[0], "")):
        value = values["RESPONSE_RATE"]
        rows.append(
            {
                "channel": labels.get(channel, channel),
                "invited": value.counts.get("whole", 0),
                "responded": value.counts.get("part", 0),
                "shown": display.shown(value),
            }
        )
    return rows


def volume_charts(now: dict) -> list[charts.Chart]:
    """CV-2 by channel, CV-1 by platform and by sentiment — from the headline values."""
    result = []
    labels = channel_labels()
    cv2 = now["CV-2"]
    by_channel = (cv2.detail or {}).get("by_channel") or {}
    if cv2.applicable and by_channel:
        result.append(
            charts.bar_chart(
                [(labels.get(code, code), n) for code, n in by_channel.items()],
                title=_("Interactions by channel (CV-2)"),
                value_title=_("Interactions"),
                category_title=_("Channel"),
                key="cv2",
            )
        )
    cv1 = now["CV-1"]
    detail = cv1.detail or {}
    platforms = dict(MentionPlatform.choices)
    if cv1.applicable and detail.get("platform"):
        result.append(
            charts.bar_chart(
                [
                    (str(platforms.get(code, code or _("Other"))), n)
                    for code, n in detail["platform"].items()
                ],
                title=_("Mentions by platform (CV-1)"),
                value_title=_("Mentions"),
                category_title=_("Platform"),
                code="CV-1",
                key="cv1-platform",
            )
        )
    sentiments = detail.get("sentiment") or {}
    total = sum(sentiments.values())
    if cv1.applicable and total:
        parts = [
            charts.Part(str(label), 100 * sentiments.get(code, 0) / total, sentiments.get(code, 0))
            for code, label in (
                (Sentiment.NEGATIVE, Sentiment.NEGATIVE.label),
                (Sentiment.NEUTRAL, Sentiment.NEUTRAL.label),
                (Sentiment.POSITIVE, Sentiment.POSITIVE.label),
            )
        ]
        result.append(
            charts.distribution_chart(
                [(_("Mentions"), parts)],
                title=_("Mentions by sentiment (CV-1)"),
                colours=charts.NPS_COLOURS,
                key="cv1-sentiment",
            )
        )
    return result


def distribution_charts(now: dict, before: dict, labels: tuple[str, str]) -> list[charts.Chart]:
    """CSAT levels and NPS groups: the previous period and this one."""
    result = []
    csat_rows = [
        (label, charts.csat_levels(values["CSAT"]))
        for label, values in zip(labels, (before, now), strict=True)
        if values["CSAT"].enough
    ]
    if csat_rows:
        result.append(
            charts.distribution_chart(
                csat_rows, title=_("Answers on the expectation scale (CSAT)"), key="csat"
            )
        )
    nps_rows = [
        (label, charts.nps_groups(values["NPS"]))
        for label, values in zip(labels, (before, now), strict=True)
        if values["NPS"].enough
    ]
    if nps_rows:
        result.append(
            charts.distribution_chart(
                nps_rows, title=_("Promoters, passives and detractors (NPS)"), key="nps"
            )
        )
    return result


_STATUS_SYMBOL = {"green": "✓", "amber": "!", "red": "✕", "no_data": "—"}


def kpi_corridors(slice_: Slice, period: Period, region_id: int) -> list[dict]:
    """The region's key client KPIs in their corridors (M4), by client group, those outside
    their corridor first.

    Each KPI's metric is measured for its client group (and segment) where the facts carry
    them. Queries grow with the number of KPI metrics configured (a handful per group,
    §2.1.7), never with the touchpoints.
    """
    groups: dict = {}
    for item in status.kpi_statuses(slice_, period, region_id):
        low, high = (
            display.number(item.code, bound) if bound is not None else None
            for bound in (item.bounds.low, item.bounds.high)
        )
        if low and high:
            corridor = f"{low} … {high}"
        elif low:
            corridor = f"≥ {low}"
        elif high:
            corridor = f"≤ {high}"
        else:
            corridor = "—"
        group = groups.setdefault(
            item.kpi.client_group_id, {"group": item.kpi.client_group, "rows": []}
        )
        group["rows"].append(
            {
                "kpi": item.kpi,
                "code": item.code,
                "shown": display.shown(item.value),
                "n": item.value.n,
                "corridor": corridor,
                "status": str(item.status),
                "symbol": _STATUS_SYMBOL[str(item.status)],
                "label": display.status_label(item.status),
            }
        )
    order = {"red": 0, "amber": 1, "green": 2, "no_data": 3}  # what needs attention first
    for group in groups.values():
        group["rows"].sort(key=lambda row: order[row["status"]])
    return list(groups.values())
