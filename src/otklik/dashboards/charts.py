"""Charts as Vega-Lite specs: one definition for the page (vega-embed) and for documents (SVG).

Every builder returns a :class:`Chart`: ``spec`` is a plain Vega-Lite dict with the data
inline (no URL), a title and a ``description`` (read out by screen readers), Russian
labels and number/time locale, the Okabe–Ito colour-blind-safe palette and «DejaVu Sans»
first; ``columns``/``rows`` are the same numbers as a table (every chart has one, so
nothing is told by the chart alone). Numbers a person reads come from
:mod:`otklik.metrics.display`.

* :func:`trend_chart` — one metric over a :func:`~otklik.metrics.queries.metric_series`;
  buckets with too few answers break the line and show as hollow points.
* :func:`bar_chart` — volumes by a category (CV-2 by channel, CV-1 by platform).
* :func:`distribution_chart` — shares stacked to 100 % (CSAT levels, NPS groups), one bar
  per row label; :func:`csat_levels` and :func:`nps_groups` give its parts from a value.
* :func:`to_svg` — the spec as an SVG document (vl-convert, offline), for PDFs and e-mail.

In a template: ``{% include "dashboards/chart.html" with chart=chart %}`` for each chart
and ``{% include "dashboards/chart_assets.html" %}`` once per page (the self-hosted Vega
bundle and the small script that draws every chart).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from otklik.metrics import display
from otklik.metrics.catalogue import METRICS
from otklik.metrics.queries import MetricValue
from otklik.metrics.slices import Granularity, Period

UNITS = {code: unit for code, _name, unit, _higher in METRICS}

# Okabe & Ito (2008), «Color Universal Design»: distinguishable with every common colour-
# vision deficiency. Yellow is kept out of lines and text (too light on white).
OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CATEGORY_COLOURS = [
    OKABE_ITO[name] for name in ("blue", "orange", "sky", "green", "vermillion", "purple")
] + [OKABE_ITO["black"], OKABE_ITO["yellow"]]
NEUTRAL_GREY = "#999999"
# From bad to good: vermillion … blue (the order of the CSAT scale and of the NPS groups).
CSAT_COLOURS = ["#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#0072B2"]
NPS_COLOURS = ["#D55E00", NEUTRAL_GREY, "#0072B2"]

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
WIDTH = 640  # of a chart in a document (the page fits the chart to its container)
HEIGHT = 240

# d3's ru-RU locales (the same as vl_convert.get_format_locale / get_time_format_locale),
# inline so that the page and the SVG format alike without fetching anything.
RU_NUMBER = {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₽"]}
RU_TIME = {
    "dateTime": "%A, %e %B %Y г. %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"],
    "shortDays": ["вс", "пн", "вт", "ср", "чт", "пт", "сб"],
    "months": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "shortMonths": [
        "янв",
        "фев",
        "мар",
        "апр",
        "май",
        "июн",
        "июл",
        "авг",
        "сен",
        "окт",
        "ноя",
        "дек",
    ],
}

_MONTHS_NOMINATIVE = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]


@dataclass
class Chart:
    """A chart and its table view: the same numbers twice."""

    key: str  # unique on the page: the element ids derive from it
    spec: dict
    columns: list[str]
    rows: list[list[str]]
    caption: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.spec["title"]["text"]

    @property
    def subtitle(self) -> str:
        return self.spec["title"].get("subtitle", "")

    @property
    def description(self) -> str:
        return self.spec["description"]

    @property
    def element_id(self) -> str:
        return f"chart-{self.key}"


# --------------------------------------------------------------------------- common parts


def config() -> dict:
    """The look every chart shares: fonts, palette, Russian locale, readable sizes."""
    return {
        "locale": {"number": RU_NUMBER, "time": RU_TIME},
        "font": FONT,
        "background": "#ffffff",
        "padding": 8,
        "title": {"anchor": "start", "fontSize": 15, "fontWeight": 600, "color": "#1d2430"},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "titleFontWeight": 400,
            "labelColor": "#1d2430",
            "titleColor": "#5a6472",
            "gridColor": "#e3e7ed",
            "domainColor": "#8a94a3",
            "tickColor": "#8a94a3",
        },
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "range": {"category": CATEGORY_COLOURS},
        "view": {"stroke": None},
        "line": {"color": OKABE_ITO["blue"], "strokeWidth": 2.5},
        "point": {"color": OKABE_ITO["blue"], "size": 70},
        "bar": {"color": OKABE_ITO["blue"]},
    }


def _key(prefix: str, *parts) -> str:
    digest = hashlib.sha1(  # noqa: S324  (an element id, not security)
        json.dumps(parts, default=str, ensure_ascii=False).encode()
    ).hexdigest()[:8]
    return f"{prefix}-{digest}"


def _spec(title: str, description: str, body: dict, *, subtitle: str | None = None) -> dict:
    heading = {"text": title}
    if subtitle:
        heading["subtitle"] = subtitle
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "title": heading,
        "description": description,
        "width": "container",
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": config(),
        **body,
    }


def period_label(period: Period, granularity: Granularity | str) -> str:
    """«2–8 марта 2026», «март 2026», «I кв. 2026», «3 марта 2026» — for tables and tooltips."""
    granularity = Granularity(granularity)
    start, last = period.start, period.last_day
    if granularity is Granularity.MONTH and start.day == 1 and period.end.day == 1:
        return f"{_MONTHS_NOMINATIVE[start.month - 1]} {start.year}"
    if granularity is Granularity.QUARTER and start.day == 1 and period.days > 80:
        return _("Q%(q)s %(year)s") % {"q": (start.month - 1) // 3 + 1, "year": start.year}
    if start == last:
        return _day(start, year=True)
    if start.year != last.year:
        return f"{_day(start, year=True)} – {_day(last, year=True)}"
    if start.month != last.month:
        return f"{_day(start)} – {_day(last, year=True)}"
    return f"{start.day}–{_day(last, year=True)}"


def _day(day: date, *, year: bool = False) -> str:
    text = f"{day.day} {RU_TIME['months'][day.month - 1]}"
    return f"{text} {day.year}" if year else text


def answers(n: int) -> str:
    """«12 ответов» / «1 ответ»: the sample size in words."""
    return ngettext("%(n)s answer", "%(n)s answers", n) % {"n": number_format(n, 0, True)}


def _axis_scale(code: str, values: Iterable[float]) -> tuple[float, str]:
    """How a metric's values are drawn on the y axis: divisor and axis title."""
    unit = UNITS.get(code)
    if unit == "seconds":
        top = max((v for v in values if v is not None), default=0)
        if top >= 3 * 3600:
            return 3600.0, _("hours")
        return 60.0, _("minutes")
    if unit == "percent":
        return 1.0, "%"
    if unit == "index":
        return 1.0, _("index, −100…100")
    if unit == "count":
        return 1.0, _("number")
    if unit == "stars":
        return 1.0, _("stars, 1–5")
    return 1.0, ""


# --------------------------------------------------------------------------- the trend


def trend_chart(
    series: Sequence[tuple[Period, Mapping[str, MetricValue]]],
    code: str,
    *,
    granularity: Granularity | str = Granularity.WEEK,
    title: str | None = None,
    subtitle: str | None = None,
    key: str | None = None,
) -> Chart:
    """One metric over time from :func:`~otklik.metrics.queries.metric_series`.

    A bucket below the minimum sample is not joined to the line (it breaks there) and is
    drawn as a hollow point labelled «мало ответов»; an empty bucket is a gap. The tooltip
    and the table give every bucket's value and sample size.
    """
    granularity = Granularity(granularity)
    name = display.metric_name(code)
    title = title or name
    values = [buckets[code] for _period, buckets in series]
    divisor, y_title = _axis_scale(code, (v.value for v in values))
    enough_label, few_label = _("enough answers"), _("too few answers")  # as display.shown
    rows, data = [], []
    for period, buckets in series:
        value = buckets[code]
        label = period_label(period, granularity)
        has_value = value.applicable and value.value is not None
        data.append(
            {
                "start": period.start.isoformat(),
                "period": label,
                "y": round(value.value / divisor, 4) if value.enough else None,
                "y_few": round(value.value / divisor, 4)
                if has_value and not value.enough
                else None,
                "sample": enough_label if value.enough else few_label,
                "shown": display.shown(value),
                "n": answers(value.n),
            }
        )
        rows.append([label, display.shown(value), number_format(value.n, 0, True)])
    data_points = [row for row in data if row["y"] is not None or row["y_few"] is not None]
    few = sum(1 for row in data if row["y_few"] is not None)
    enough = sum(1 for row in data if row["y"] is not None)
    description = _(
        "%(metric)s by %(bucket)s, %(first)s to %(last)s: %(enough)s periods with enough "
        "answers, %(few)s with too few."
    ) % {
        "metric": name,
        "bucket": _bucket_word(granularity),
        "first": rows[0][0] if rows else "—",
        "last": rows[-1][0] if rows else "—",
        "enough": enough,
        "few": few,
    }
    if enough:
        latest = next(row for row in reversed(data) if row["y"] is not None)
        description += " " + _("Latest: %(value)s (%(period)s).") % {
            "value": latest["shown"],
            "period": latest["period"],
        }
    x_format = "%b %Y" if granularity in (Granularity.MONTH, Granularity.QUARTER) else "%e %b"
    starts = [period.start for period, _values in series]
    step = max(1, -(-len(starts) // 9))  # at most nine labels
    x = {
        "field": "start",
        "type": "temporal",
        "timeUnit": "utcyearmonthdate",
        "title": None,
        "scale": {"padding": 14},
        "axis": {
            "format": x_format,
            "labelAngle": 0,
            "labelOverlap": True,
            "grid": False,
            "values": [
                {"year": d.year, "month": d.month, "date": d.day, "utc": True}
                for d in starts[::step]
            ],
        },
    }
    y = {
        "type": "quantitative",
        "title": y_title,
        "scale": {"zero": UNITS.get(code) in ("count",), "nice": True, "padding": 8},
        "axis": {"format": ",~r", "tickCount": 5},
    }
    tooltip = [
        {"field": "period", "title": _("Period")},
        {"field": "shown", "title": name},
        {"field": "n", "title": _("Sample")},
    ]
    spec = _spec(
        title,
        description,
        {
            "height": HEIGHT,
            "data": {"values": data_points},
            "encoding": {"x": x, "tooltip": tooltip},
            "layer": [
                {
                    "mark": {"type": "line", "invalid": "break-paths-show-domains"},
                    "encoding": {"y": {**y, "field": "y"}},
                },
                {
                    "mark": {"type": "point", "filled": True, "strokeWidth": 2},
                    "encoding": {
                        "y": {**y, "field": "y"},
                        "fill": {
                            "field": "sample",
                            "type": "nominal",
                            "title": _("Sample"),
                            "scale": {
                                "domain": [enough_label, few_label],
                                "range": [OKABE_ITO["blue"], "#ffffff"],
                            },
                        },
                        "stroke": {"value": OKABE_ITO["blue"]},
                    },
                },
                {
                    "mark": {"type": "point", "filled": True, "strokeWidth": 2},
                    "encoding": {
                        "y": {**y, "field": "y_few"},
                        "fill": {"field": "sample", "type": "nominal"},
                        "stroke": {"value": OKABE_ITO["blue"]},
                    },
                },
            ],
            "resolve": {"scale": {"y": "shared"}},
        },
        subtitle=subtitle,
    )
    notes = []
    if few:
        notes.append(
            _(
                "Hollow points: fewer answers than the minimum sample; the value is not "
                "reliable and the line is not drawn through it."
            )
        )
    return Chart(
        key=key or _key("trend", code, [p.start for p, _v in series]),
        spec=spec,
        columns=[_("Period"), name, _("Sample")],
        rows=rows,
        caption=title,
        notes=notes,
    )


def _bucket_word(granularity: Granularity) -> str:
    return {
        Granularity.DAY: _("day"),
        Granularity.WEEK: _("week"),
        Granularity.MONTH: _("month"),
        Granularity.QUARTER: _("quarter"),
    }[granularity]


# --------------------------------------------------------------------------- bars


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_title: str,
    category_title: str,
    subtitle: str | None = None,
    code: str = "CV-2",
    key: str | None = None,
) -> Chart:
    """Horizontal bars of a count by a category, largest first, each bar labelled.

    ``items`` are ``(category label, value)``; the labels are shown as given. ``code``
    says how values read (a count by default).
    """
    items = sorted(items, key=lambda item: (-item[1], item[0]))
    total = sum(value for _label, value in items)
    data = [
        {
            "category": label,
            "value": value,
            "shown": display.number(code, value),
            "share": display.number("CSAT", 100 * value / total) if total else "—",
        }
        for label, value in items
    ]
    description = _("%(title)s: %(items)s.") % {
        "title": title,
        "items": "; ".join(f"{row['category']} — {row['shown']}" for row in data) or "—",
    }
    y = {
        "field": "category",
        "type": "nominal",
        "sort": None,
        "title": None,
        "axis": {"labelLimit": 220},
    }
    spec = _spec(
        title,
        description,
        {
            "height": {"step": 28},
            "data": {"values": data},
            "encoding": {
                "y": y,
                "x": {
                    "field": "value",
                    "type": "quantitative",
                    "title": value_title,
                    "axis": {"format": ",~r", "tickMinStep": 1},
                    # room on the right for the label of the longest bar
                    "scale": {"domainMax": max(1, total and max(v for _l, v in items)) * 1.15},
                },
                "tooltip": [
                    {"field": "category", "title": category_title},
                    {"field": "shown", "title": value_title},
                    {"field": "share", "title": _("Share")},
                ],
            },
            "layer": [
                {"mark": {"type": "bar", "cornerRadiusEnd": 2}},
                {
                    "mark": {
                        "type": "text",
                        "align": "left",
                        "dx": 4,
                        "fontSize": 12,
                        "color": "#1d2430",
                    },
                    "encoding": {"text": {"field": "shown"}},
                },
            ],
        },
        subtitle=subtitle,
    )
    return Chart(
        key=key or _key("bars", title, items),
        spec=spec,
        columns=[category_title, value_title, _("Share")],
        rows=[[row["category"], row["shown"], row["share"]] for row in data],
        caption=title,
    )


# --------------------------------------------------------------------------- distributions


@dataclass(frozen=True)
class Part:
    """One part of a distribution: its label, share in per cent and count."""

    label: str
    share: float
    count: int


def csat_levels(value: MetricValue) -> list[Part]:
    """The five CSAT levels of a value (App. 4: from «much worse» to «much better»)."""
    distribution = (value.detail or {}).get("distribution") or {}
    n = value.n
    labels = csat_level_labels()
    shares = [distribution.get(level) or 0 for level in range(1, 6)]
    return [
        Part(label, share, round(share * n / 100))
        for label, share in zip(labels, shares, strict=True)
    ]


def csat_level_labels() -> list[str]:
    return [
        # The seed's wording (formulas.CSAT_LABELS), translatable.
        _("No, disappointed"),
        _("Needs improvement"),
        _("Met expectations"),
        _("Exceeded expectations"),
        _("Greatly exceeded expectations"),
    ]


def nps_groups(value: MetricValue) -> list[Part]:
    """Detractors, passives and promoters of an NPS value."""
    counts = value.counts or {}
    n = value.n
    parts = [
        (_("Detractors (0–6)"), counts.get("negative", 0)),
        (_("Passives (7–8)"), counts.get("neutral", 0)),
        (_("Promoters (9–10)"), counts.get("positive", 0)),
    ]
    return [Part(label, 100 * count / n if n else 0, count) for label, count in parts]


def distribution_chart(
    rows: Sequence[tuple[str, Sequence[Part]]],
    *,
    title: str,
    colours: Sequence[str] | None = None,
    subtitle: str | None = None,
    key: str | None = None,
) -> Chart:
    """Shares stacked to 100 %, one horizontal bar per row (a period, a touchpoint…).

    Every row has the same parts in the same order (bad to good); ``colours`` default to
    the CSAT scale's (5 parts) or the NPS groups' (3 parts).
    """
    labels = [part.label for part in rows[0][1]] if rows else []
    if colours is None:
        colours = {5: CSAT_COLOURS, 3: NPS_COLOURS}.get(len(labels), CATEGORY_COLOURS)
    data = []
    for row_label, parts in rows:
        end = 0.0
        for order, part in enumerate(parts):
            start, end = end, end + part.share
            data.append(
                {
                    "row": row_label,
                    "part": part.label,
                    "order": order,
                    "start": round(start, 4),
                    "end": round(end, 4),
                    "share": round(part.share, 4),
                    "shown": display.number("CSAT", part.share),
                    "count": number_format(part.count, 0, True),
                }
            )
    description = " ".join(
        f"{row_label}: "
        + ", ".join(f"{part.label} — {display.number('CSAT', part.share)}" for part in parts)
        + "."
        for row_label, parts in rows
    )
    description = f"{title}. {description}"
    spec = _spec(
        title,
        description,
        {
            "height": {"step": 34},
            "data": {"values": data},
            "encoding": {
                "y": {"field": "row", "type": "nominal", "sort": None, "title": None},
                "x": {
                    "field": "start",
                    "type": "quantitative",
                    "title": "%",
                    "scale": {"domain": [0, 100], "clamp": True},
                    "axis": {"format": ",~r"},
                },
                "tooltip": [
                    {"field": "row", "title": " "},
                    {"field": "part", "title": _("Answer")},
                    {"field": "shown", "title": _("Share")},
                    {"field": "count", "title": _("Answers")},
                ],
            },
            "layer": [
                {
                    "mark": {"type": "bar", "stroke": "#ffffff", "strokeWidth": 1},
                    "encoding": {
                        "x2": {"field": "end"},
                        "color": {
                            "field": "part",
                            "type": "nominal",
                            "title": None,
                            "sort": labels,
                            "scale": {"domain": labels, "range": list(colours)},
                            "legend": {
                                "columns": 1,  # one per line: fits a phone too
                                "symbolType": "square",
                                "labelLimit": 320,
                            },
                        },
                    },
                },
                {
                    # The share written on each part wide enough to hold it.
                    "transform": [{"filter": "datum.share >= 12"}],
                    "mark": {"type": "text", "dx": -4, "align": "right", "fontSize": 11},
                    "encoding": {
                        "x": {"field": "end", "type": "quantitative"},
                        "text": {"field": "shown"},
                        "color": {
                            "condition": {  # white on the dark ends of the scale
                                "test": f"datum.order == 0 || datum.order == {len(labels) - 1}",
                                "value": "#ffffff",
                            },
                            "value": "#1d2430",
                        },
                    },
                },
            ],
        },
        subtitle=subtitle,
    )
    table_rows = [
        [row_label]
        + [f"{display.number('CSAT', p.share)} ({number_format(p.count, 0, True)})" for p in parts]
        for row_label, parts in rows
    ]
    return Chart(
        key=key or _key("dist", title, [r[0] for r in rows]),
        spec=spec,
        columns=[" "] + labels,
        rows=table_rows,
        caption=title,
    )


# --------------------------------------------------------------------------- SVG


@functools.cache
def vega_lite_version() -> str:
    """The Vega-Lite version both the page's bundle and :func:`to_svg` use (the newest)."""
    import vl_convert

    return vl_convert.get_vegalite_versions()[-1]


def for_document(spec: dict | Chart, width: int = WIDTH) -> dict:
    """The spec with a fixed width (a document has no container to fit)."""
    spec = copy.deepcopy(spec.spec if isinstance(spec, Chart) else spec)
    if spec.get("width") == "container":
        spec["width"] = width
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    return spec


def to_svg(spec: dict | Chart, width: int = WIDTH) -> str:
    """The chart as a standalone SVG document (text kept as text, fonts by name).

    The root carries the title and the description (``<title>``, ``<desc>``, an
    ``aria-label``) as the page's chart does, for readers of the PDF.
    """
    import vl_convert

    spec = for_document(spec, width)
    svg = vl_convert.vegalite_to_svg(spec, vl_version=vega_lite_version(), allowed_base_urls=[])
    title = spec.get("title", {})
    title = title.get("text", "") if isinstance(title, dict) else str(title)
    description = spec.get("description", "")
    head_end = svg.index(">", svg.index("<svg")) + 1
    root = svg[:head_end]
    if "role=" not in root:
        root = root[:-1] + f' role="img" aria-label={quoteattr(description or title)}>'
    return (
        root + f"<title>{escape(title)}</title><desc>{escape(description)}</desc>" + svg[head_end:]
    )


def to_png(spec: dict | Chart, width: int = WIDTH, scale: float = 2) -> bytes:
    """The chart as PNG (for looking at it, or for e-mail clients that show no SVG)."""
    import vl_convert

    return vl_convert.vegalite_to_png(
        for_document(spec, width),
        vl_version=vega_lite_version(),
        scale=scale,
        allowed_base_urls=[],
    )
