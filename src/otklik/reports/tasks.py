"""The reports' schedule (Huey): the weekly CX report every Monday at 07:00 and the
monthly feedback-system report on the 1st at 07:00, in ``TIME_ZONE``.

The periodic jobs only enqueue one job per report, so that the worker's threads share
the work and one failing report (retried twice) does not stop the others.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab

from otklik.outreach.tasks import HUEY

logger = logging.getLogger(__name__)


def local_crontab(**fields):
    """A crontab read in Django's ``TIME_ZONE`` (Huey's clock is UTC)."""
    check = crontab(**fields)

    def validate(timestamp: datetime) -> bool:
        # Huey's timestamps are naive: UTC by default, the machine's local time otherwise.
        timestamp = timestamp.replace(tzinfo=UTC) if HUEY.utc else timestamp.astimezone()
        local = timestamp.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
        return check(local)

    return validate


@HUEY.task(retries=2, retry_delay=300)
def generate_weekly_report(unit_id: int, journey_id: int | None, week_start: str, send=True):
    from otklik.journeys.models import Journey
    from otklik.metrics.slices import Period
    from otklik.org.models import Unit
    from otklik.reports.services import do_generate_weekly

    unit = Unit.objects.get(pk=unit_id)
    journey = Journey.objects.get(pk=journey_id) if journey_id else None
    week = Period.containing(date.fromisoformat(week_start), "week")
    return do_generate_weekly(unit, journey, week, send=send).pk


@HUEY.task(retries=2, retry_delay=300)
def generate_monthly_report(centre_id: int, month_start: str, send=True):
    from otklik.metrics.slices import Period
    from otklik.org.models import Unit
    from otklik.reports.services import do_generate_monthly

    centre = Unit.objects.get(pk=centre_id)
    month = Period.containing(date.fromisoformat(month_start), "month")
    return do_generate_monthly(centre, month, send=send).pk


@HUEY.periodic_task(local_crontab(day_of_week="1", hour="7", minute="0"))
def weekly_reports(today: date | None = None) -> int:
    """Every Monday at 07:00: the reports of the week that ended, for every centre and
    every active journey, e-mailed to their teams."""
    from otklik.reports.services import last_week, weekly_subjects

    week = last_week(today)
    subjects = weekly_subjects()
    for unit, journey in subjects:
        generate_weekly_report(unit.pk, journey.pk if journey else None, week.start.isoformat())
    return len(subjects)


@HUEY.periodic_task(local_crontab(day="1", hour="7", minute="0"))
def monthly_reports(today: date | None = None) -> int:
    """On the 1st of every month at 07:00: the feedback-system report of the month that
    ended, for every centre, e-mailed to all its staff."""
    from otklik.org.models import Unit
    from otklik.org.roles import UnitKind
    from otklik.reports.services import last_month

    month = last_month(today)
    centres = list(Unit.objects.filter(kind=UnitKind.CENTRE, is_active=True).order_by("pk"))
    for centre in centres:
        generate_monthly_report(centre.pk, month.start.isoformat())
    return len(centres)
