"""What a metric is computed over: a slice of the service and a period of local days.

Pure Python: periods are plain dates, half-open ``[start, end)``; weeks start on Monday
(ISO), quarters in January, April, July and October.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from enum import StrEnum


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True)
class Period:
    """Local days ``start`` ≤ day < ``end``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"a period must end after it starts: {self.start} … {self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.start - (self.end - self.start), self.start)

    @classmethod
    def containing(cls, day: date, granularity: Granularity | str) -> Period:
        """The day, ISO week, month or quarter that contains ``day``."""
        granularity = Granularity(granularity)
        start = period_start(day, granularity)
        return cls(start, _advance(start, granularity))


def period_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.DAY:
        return day
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    if granularity is Granularity.MONTH:
        return day.replace(day=1)
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _advance(start: date, granularity: Granularity) -> date:
    if granularity is Granularity.DAY:
        return start + timedelta(days=1)
    if granularity is Granularity.WEEK:
        return start + timedelta(days=7)
    months = 1 if granularity is Granularity.MONTH else 3
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def buckets(period: Period, granularity: Granularity | str) -> list[Period]:
    """The days, weeks, months or quarters that cover ``period``, clipped to it."""
    granularity = Granularity(granularity)
    result, start = [], period_start(period.start, granularity)
    while start < period.end:
        end = _advance(start, granularity)
        result.append(Period(max(start, period.start), min(end, period.end)))
        start = end
    return result


def baseline(period: Period, weeks: int = 8) -> Period:
    """The ``weeks`` weeks just before ``period``: what a drop is measured against."""
    return Period(period.start - timedelta(weeks=weeks), period.start)


@dataclass(frozen=True)
class Slice:
    """A part of the service: every field given narrows it (``None``: no condition).

    Units and the service model are primary keys; ``channel`` is the channel code of the
    facts (a response's channel, an interaction's channel). A fact that does not carry a
    dimension (interactions have no segment, survey answers no employee) is outside any
    slice that names it: its metrics there are «not applicable», not a guess.
    """

    region: int | None = None
    centre: int | None = None
    journey: int | None = None
    stage: int | None = None
    touchpoint: int | None = None
    channel: str | None = None
    segment: int | None = None
    client_group: int | None = None
    employee: int | None = None

    def given(self) -> dict[str, int | str]:
        """The dimensions this slice names, with their values."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}

    def with_(self, **changes) -> Slice:
        return replace(self, **changes)


DIMENSIONS = tuple(f.name for f in fields(Slice))
