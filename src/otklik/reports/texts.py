"""Dates, periods and short texts of the reports, typeset for Russian print.

«1 декабря 2026 г.», «47-я неделя 2026 г.», «16–22 ноября 2026 г.»: a non-breaking space
between the day and the month and before «г.», so that a date never breaks across lines.
Reports are documents of the installation (its language, Russian by default), not of the
staff member's interface language.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from otklik.metrics.slices import Period
from otklik.public.posters import typograph  # noqa: F401  (the one Russian typesetting rule)

NBSP = "\u00a0"
NDASH = "–"


def report_language() -> str:
    return settings.LANGUAGE_CODE


def _russian() -> bool:
    return (get_language() or "ru").startswith("ru")


def long_date(day: date) -> str:
    """«1 декабря 2026 г.» (Russian), «1 December 2026» otherwise."""
    if _russian():
        return f"{day.day}{NBSP}{dateformat.format(day, 'E')} {day.year}{NBSP}г."
    return f"{day.day}{NBSP}{dateformat.format(day, 'F')} {day.year}"


def moment(value: datetime) -> str:
    """«1 декабря 2026 г., 07:00» in TIME_ZONE."""
    local = timezone.localtime(value)
    return f"{long_date(local.date())}, {local:%H:%M}"


def _day_month(day: date) -> str:
    return long_date(day).rsplit(" ", 1)[0]  # «1 декабря»


def day_range(period: Period, *, year: bool = True) -> str:
    """«16–22 ноября 2026 г.», «30 ноября – 6 декабря 2026 г.», across years in full;
    without ``year`` «16–22 ноября»."""
    first, last = period.start, period.last_day
    if not year:
        if first.month != last.month:
            return f"{_day_month(first)} {NDASH} {_day_month(last)}"
        return f"{first.day}{NDASH}{_day_month(last)}"
    if first.year != last.year:
        return f"{long_date(first)} {NDASH} {long_date(last)}"
    if first.month != last.month:
        head = long_date(first).rsplit(" ", 1)[0]  # without the year
        return f"{head} {NDASH} {long_date(last)}"
    if _russian():
        return f"{first.day}{NDASH}{long_date(last)}"
    return f"{first.day}{NDASH}{long_date(last)}"


def week_label(period: Period) -> str:
    """«47-я неделя 2026 г. (16–22 ноября 2026 г.)»."""
    year, week, _weekday = period.start.isocalendar()
    return _("week %(week)s of %(year)s (%(days)s)") % {
        "week": week,
        "year": year,
        "days": day_range(period),
    }


def week_code(period: Period) -> str:
    year, week, _weekday = period.start.isocalendar()
    return f"{year}-W{week:02d}"


def month_label(period: Period) -> str:
    """«Ноябрь 2026 г.»."""
    if _russian():
        return f"{dateformat.format(period.start, 'F').capitalize()} {period.start.year}{NBSP}г."
    return f"{dateformat.format(period.start, 'F')} {period.start.year}"


def month_code(period: Period) -> str:
    return f"{period.start:%Y-%m}"


def parse_week(text: str) -> Period:
    """``2026-W47`` → the Monday-to-Monday period of that ISO week."""
    try:
        year, week = text.strip().upper().split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        raise ValueError(
            _("«%(value)s» is not an ISO week (expected e.g. 2026-W47).") % {"value": text}
        ) from None
    return Period(start, start + timedelta(days=7))


def parse_month(text: str) -> Period:
    """``2026-11`` → the period of that month."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        start = date(year, month, 1)
    except ValueError:
        raise ValueError(
            _("«%(value)s» is not a month (expected e.g. 2026-11).") % {"value": text}
        ) from None
    return Period.containing(start, "month")


def quoted(text: str) -> str:
    """A name in Russian quotes «ёлочки»."""
    return f"«{text}»"
