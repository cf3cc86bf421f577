"""Cells of report tables made from metric values, through :mod:`otklik.metrics.display`."""

from __future__ import annotations

from django.utils.formats import number_format

from otklik.journeys.kpis import Status
from otklik.metrics import display
from otklik.metrics.formulas import round_half_up
from otklik.metrics.queries import VOLUMES, MetricValue
from otklik.reports.document import CHANGE, COUNT, TEXT, Cell


def text(value: str, tone: str = "", *, own: bool = False) -> Cell:
    return Cell(str(value), None, TEXT, tone, own)


def own(value: str, tone: str = "") -> Cell:
    """A text Otklik wrote (no formula neutralising in the workbook)."""
    return text(value, tone, own=True)


def count(n: int | None) -> Cell:
    if n is None:
        return Cell("—", None, COUNT)
    return Cell(number_format(n, 0, force_grouping=True), n, COUNT)


def value(v: MetricValue) -> Cell:
    """The value as the page shows it; the raw number only where the page shows one."""
    shown = display.shown(v)
    raw = v.value if v.enough else None
    return Cell(shown, raw, display.UNITS.get(v.code, "ratio"))


def number(code: str, raw: float | None) -> Cell:
    return Cell(display.number(code, raw), raw, display.UNITS.get(code, "ratio"))


# The precision a change is shown with (display.number's): a change is rounded to it
# first, so that «−0» never appears and the arrow agrees with the number.
_DIGITS = {"index": 0, "percent": 0, "count": 0, "ratio": 1, "stars": 1}


def rounded_change(code: str, change: float) -> float:
    digits = _DIGITS.get(display.UNITS.get(code, "ratio"))
    if digits is None:
        return round(change)  # seconds
    return float(round_half_up(change, digits)) if digits else float(round_half_up(change))


def delta(
    now: MetricValue, before: MetricValue | None, weeks: int = 1
) -> tuple[Cell, float | None]:
    """The change from ``before`` to ``now`` when both have enough answers. A volume of a
    ``weeks``-long baseline is compared per week."""
    if before is None or not now.enough or not before.enough:
        return Cell("—", None, CHANGE + display.UNITS.get(now.code, "ratio")), None
    base = before.value / weeks if now.code in VOLUMES else before.value
    change = rounded_change(now.code, now.value - base)
    trend = display.trend(now.code, change)
    tone = "" if trend["good"] is None else ("good" if trend["good"] else "bad")
    cell = Cell(
        display.change(now.code, change),
        change,
        CHANGE + display.UNITS.get(now.code, "ratio"),
        tone,
    )
    return cell, change


def trend(code: str, change: float | None) -> Cell:
    if change is None:
        return own("—")
    t = display.trend(code, change)
    tone = "" if t["good"] is None else ("good" if t["good"] else "bad")
    return own(f"{t['arrow']} {t['label']}", tone)


def status(s: Status) -> Cell:
    return own(display.status_label(s), str(s))
