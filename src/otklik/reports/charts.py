"""Vector charts for the reports, from the dashboards' Vega-Lite specs (one definition for
the screen and the document). Without :mod:`otklik.dashboards` (or vl-convert) the
report is laid out with its tables alone: every chart's numbers are in a table anyway."""

from __future__ import annotations

import logging
import re

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

CHART_WIDTH = 320  # px: two charts side by side on an A4 page
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>\s*")


def _charts():
    try:
        from otklik.dashboards import charts
    except ImportError:
        return None
    return charts


def _figures(parts: list[str]) -> str:
    label = _("Charts")
    figures = "".join(f'<figure class="chart">{svg}</figure>' for svg in parts)
    return f'<div class="charts" role="group" aria-label="{label}">{figures}</div>'


def bars_svg(items, *, title: str, value_title: str, category_title: str) -> str:
    """Horizontal bars of counts by a category (e.g. responses by channel), or ""."""
    charts = _charts()
    if charts is None or not items:
        return ""
    try:
        chart = charts.bar_chart(
            items, title=title, value_title=value_title, category_title=category_title
        )
        svg = _XML_DECLARATION.sub("", charts.to_svg(chart, width=2 * CHART_WIDTH))
    except Exception:  # a chart must never stop a report: its table has the numbers
        logger.exception("report chart failed")
        return ""
    return _figures([svg]).replace('class="chart"', 'class="chart wide"', 1)


def trend_svg(series, codes) -> str:
    """A small trend chart per metric, as inline SVG, or "" when charts are unavailable."""
    charts = _charts()
    if charts is None:
        return ""
    parts = []
    try:
        for code in codes:
            chart = charts.trend_chart(
                series, code, title=_("%(code)s by week") % {"code": code}, key=f"report-{code}"
            )
            svg = charts.to_svg(chart, width=CHART_WIDTH)
            parts.append(_XML_DECLARATION.sub("", svg))
    except Exception:  # a chart must never stop a report: its table has the numbers
        logger.exception("report chart failed")
        return ""
    label = _("Charts")
    return (
        f'<div class="charts" role="group" aria-label="{label}">'
        + "".join(f'<figure class="chart">{svg}</figure>' for svg in parts)
        + "</div>"
    )
