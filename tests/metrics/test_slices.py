from datetime import date

import pytest

from otklik.metrics.slices import Period, Slice, baseline, buckets


def test_the_baseline_is_the_eight_whole_weeks_before():
    week = Period.containing(date(2025, 3, 12), "week")
    assert week == Period(date(2025, 3, 10), date(2025, 3, 17))
    assert baseline(week) == Period(date(2025, 1, 13), date(2025, 3, 10))
    assert baseline(Period(date(2024, 3, 4), date(2024, 3, 11)), 2).start == date(2024, 2, 19)


def test_periods_of_every_granularity():
    assert Period.containing(date(2026, 2, 14), "month") == Period(
        date(2026, 2, 1), date(2026, 3, 1)
    )
    assert Period.containing(date(2026, 11, 30), "quarter") == Period(
        date(2026, 10, 1), date(2027, 1, 1)
    )
    assert Period.containing(date(2026, 12, 31), "day").days == 1
    assert Period(date(2026, 3, 1), date(2026, 3, 8)).previous() == Period(
        date(2026, 2, 22), date(2026, 3, 1)
    )


def test_buckets_cover_the_period_clipped():
    weeks = buckets(Period(date(2026, 11, 4), date(2026, 11, 20)), "week")
    assert [(b.start, b.end) for b in weeks] == [
        (date(2026, 11, 4), date(2026, 11, 9)),
        (date(2026, 11, 9), date(2026, 11, 16)),
        (date(2026, 11, 16), date(2026, 11, 20)),
    ]


def test_an_empty_or_reversed_period_is_refused():
    with pytest.raises(ValueError):
        Period(date(2026, 1, 2), date(2026, 1, 2))


def test_a_slice_names_its_dimensions():
    assert Slice(region=1, channel="qr").given() == {"region": 1, "channel": "qr"}
