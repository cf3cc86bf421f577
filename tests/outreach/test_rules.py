"""Pure rules of invitations: the window, quiet hours and fatigue (App. 3 §6, F3)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from otklik.outreach import invitations as rules

MSK = ZoneInfo("Europe/Moscow")
QUIET = rules.parse_quiet_hours("21:00-09:00")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK)


def test_parsing_quiet_hours():
    assert rules.parse_quiet_hours("21:00-09:00") == rules.QuietHours(time(21), time(9))
    assert rules.parse_quiet_hours("22-8") == rules.QuietHours(time(22), time(8))
    assert rules.parse_quiet_hours("").empty
    with pytest.raises(ValueError):
        rules.parse_quiet_hours("night")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(24, 12), at(24, 12)),  # the day: at once
        (at(24, 8, 59), at(24, 9)),  # early morning: at 9
        (at(24, 9), at(24, 9)),  # the end of the quiet hours is allowed
        (at(24, 20, 59), at(24, 20, 59)),
        (at(24, 21), at(25, 9)),  # the start is quiet: next morning
        (at(24, 23, 30), at(25, 9)),
        (at(25, 0, 0), at(25, 9)),
        (at(30, 22), datetime(2026, 12, 1, 9, tzinfo=MSK)),  # over the month's end
        # A moment given in UTC is judged in the centre's time: 18:30 UTC is 21:30 MSK.
        (datetime(2026, 11, 24, 18, 30, tzinfo=ZoneInfo("UTC")), at(25, 9)),
        (datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("UTC")), at(24, 12)),
    ],
)
def test_next_allowed_moment(moment, expected):
    assert rules.next_allowed(moment, QUIET, MSK) == expected


def test_quiet_hours_within_one_day_and_none():
    lunch = rules.parse_quiet_hours("13:00-14:00")
    assert rules.next_allowed(at(24, 13, 30), lunch, MSK) == at(24, 14)
    assert rules.next_allowed(at(24, 23), lunch, MSK) == at(24, 23)
    assert rules.next_allowed(at(24, 23), rules.NO_QUIET_HOURS, MSK) == at(24, 23)


def test_the_send_window():
    window = rules.send_window(at(24, 10), timedelta(minutes=15), timedelta(hours=48))
    assert (window.send_after, window.send_before) == (at(24, 10, 15), at(26, 10))
    with pytest.raises(ValueError):
        rules.send_window(at(24, 10), timedelta(hours=2), timedelta(hours=1))


WINDOW = rules.send_window(at(24, 10), timedelta(0), timedelta(hours=48))


@pytest.mark.parametrize(
    ("now", "window", "expected"),
    [
        (at(24, 10), WINDOW, (at(24, 10), "")),
        (at(24, 22), WINDOW, (at(25, 9), "")),  # evening: next morning, still in the window
        (at(26, 9, 30), WINDOW, (at(26, 9, 30), "")),
        (at(26, 10, 1), WINDOW, (None, rules.EXPIRED)),
        # An evening interaction with a two-hour window: all of it is quiet — never.
        (
            at(24, 21, 30),
            rules.send_window(at(24, 21, 30), timedelta(0), timedelta(hours=2)),
            (None, rules.QUIET_HOURS),
        ),
        # Not yet due: the due time is the window's start.
        (
            at(24, 10),
            rules.send_window(at(24, 10), timedelta(hours=1), timedelta(hours=48)),
            (at(24, 11), ""),
        ),
    ],
)
def test_due_time(now, window, expected):
    assert rules.due_time(now, window, QUIET, MSK) == expected


def test_fatigue():
    now = at(24, 12)
    assert not rules.is_fatigued(None, now, 30)
    assert rules.is_fatigued(now - timedelta(days=29), now, 30)
    assert not rules.is_fatigued(now - timedelta(days=30), now, 30)
    assert not rules.is_fatigued(now - timedelta(days=31), now, 30)
