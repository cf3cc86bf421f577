"""How a metric value reads to a person: Russian numbers, units, status words, arrows.

One place for every page, report and export, so «NPS +24», «81 %» and «4 ч 10 мин» look
the same everywhere. Status is always told in words (and an arrow as a character), never
by colour alone; the colours are CSS classes chosen from a colour-blind-safe palette.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otklik.journeys.kpis import Status
from otklik.metrics import alerts
from otklik.metrics.catalogue import METRIC_NAMES, METRICS
from otklik.metrics.formulas import round_half_up
from otklik.metrics.queries import MetricValue

UNITS = {code: unit for code, _name, unit, _higher in METRICS}
HIGHER_IS_BETTER = {code: higher for code, _name, _unit, higher in METRICS}

STATUS_LABELS = {
    Status.GREEN: gettext_lazy("in the corridor"),
    Status.AMBER: gettext_lazy("near the corridor"),
    Status.RED: gettext_lazy("outside the corridor"),
    Status.NO_DATA: gettext_lazy("no data"),
}


def metric_name(code: str) -> str:
    return str(METRIC_NAMES.get(code, code))


def duration(seconds: float) -> str:
    """«45 с», «12 мин», «4 ч 10 мин», «2 дн 3 ч» — rounded to what a person needs."""
    seconds = round(seconds)
    if seconds < 60:
        return _("%(n)s s") % {"n": seconds}
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("%(n)s min") % {"n": minutes}
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        if minutes == 0:
            return _("%(h)s h") % {"h": hours}
        return _("%(h)s h %(m)s min") % {"h": hours, "m": minutes}
    days, hours = divmod(hours, 24)
    if hours == 0:
        return _("%(d)s d") % {"d": days}
    return _("%(d)s d %(h)s h") % {"d": days, "h": hours}


def number(code: str, value: float | None) -> str:
    """The value alone, in the metric's unit; «—» for no data."""
    if value is None:
        return "—"
    unit = UNITS.get(code)
    if unit == "index":
        whole = int(round_half_up(value))
        return f"+{whole}" if whole > 0 else str(whole).replace("-", "−")
    if unit == "percent":
        return f"{number_format(int(round_half_up(value)), 0)} %"
    if unit == "seconds":
        return duration(value)
    if unit == "count":
        return number_format(round(value), 0, force_grouping=True)
    return number_format(round_half_up(value, 1), 1)  # ratios and stars


def change(code: str, delta: float | None) -> str:
    """A change with its sign, in the metric's unit («+3», «−2 п. п.», «+5 мин»); a
    change that rounds to nothing at the shown precision is «±0», never «−0»."""
    if delta is None:
        return "—"
    shown_size = _shown_size(code, delta)
    if shown_size == 0:
        return "±0"
    unit = UNITS.get(code)
    if unit == "seconds":
        text = duration(abs(delta))
    elif unit in ("index", "count", "percent"):
        text = number_format(int(shown_size), 0)
        if unit == "percent":
            text = _("%(n)s pp") % {"n": text}
    else:
        text = number_format(shown_size, 1)
    return ("+" if delta > 0 else "−") + text


def _shown_size(code: str, delta: float) -> float:
    """The size of a change at the precision it is shown: whole seconds, points and
    counts, else one decimal."""
    if UNITS.get(code) in ("seconds", "index", "count", "percent"):
        return round_half_up(abs(delta))
    return round_half_up(abs(delta), 1)


def trend(code: str, delta: float | None) -> dict:
    """An arrow, its meaning in words and whether it is good news; a change shown as «±0»
    is no change (no «↓ хуже» beside «±0»)."""
    if delta is None or _shown_size(code, delta) == 0:
        return {"arrow": "→", "label": _("no change"), "good": None}
    up = delta > 0
    if UNITS.get(code) == "count":  # more conversations is neither good nor bad news
        return {"arrow": "↑" if up else "↓", "label": _("more") if up else _("fewer"), "good": None}
    good = up == HIGHER_IS_BETTER.get(code, True)
    return {
        "arrow": "↑" if up else "↓",
        "label": _("better") if good else _("worse"),
        "good": good,
    }


def shown(value: MetricValue) -> str:
    """What a cell shows: the number, «мало ответов» below the minimum sample, or «—»."""
    if not value.applicable or value.value is None:
        return "—"
    if not value.enough:
        return _("too few answers")
    return number(value.code, value.value)


def status_label(status: Status) -> str:
    return str(STATUS_LABELS[status])


def drop_text(check: alerts.DropCheck | None, code: str) -> str | None:
    """«Падение: −18 (ДИ −25…−11)» for a significant drop; ``None`` otherwise."""
    if check is None or not check.is_drop:
        return None
    low, high = check.change_ci
    return _("Drop: %(change)s (95%% CI %(low)s…%(high)s)") % {
        "change": change(code, check.change),
        "low": change(code, low),
        "high": change(code, high),
    }
