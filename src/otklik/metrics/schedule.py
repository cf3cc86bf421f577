"""The centres' working hours, for CV-2's share of interactions outside them."""

from datetime import time
from functools import cache
from zoneinfo import ZoneInfo

from django.conf import settings

from otklik.metrics.formulas import WeeklySchedule


def _time(text: str) -> time:
    hours, minutes = text.strip().split(":")
    return time(int(hours), int(minutes))


@cache
def working_schedule() -> WeeklySchedule:
    """``OTKLIK_WORKING_HOURS`` (e.g. ``09:00-18:00``) on ``OTKLIK_WORKING_DAYS`` (ISO
    weekdays, e.g. ``1-5`` for Monday–Friday) in ``TIME_ZONE``."""
    start, end = settings.OTKLIK_WORKING_HOURS.split("-")
    first, last = settings.OTKLIK_WORKING_DAYS.split("-")
    return WeeklySchedule.standard(
        _time(start),
        _time(end),
        weekdays=range(int(first) - 1, int(last)),
        tz=ZoneInfo(settings.TIME_ZONE),
    )
