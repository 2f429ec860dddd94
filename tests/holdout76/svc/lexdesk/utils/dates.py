"""Court-day arithmetic (FRCP 6(a) style): weekends and court holidays are not counted."""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import date, timedelta

SATURDAY = 5


def roll_forward(day: date, holidays: frozenset[date]) -> date:
    """If a period ends on a weekend or holiday it runs until the next court day."""
    while day.weekday() > SATURDAY or day in holidays:
        day += timedelta(days=1)
    return day


def roll_back(day: date, holidays: frozenset[date]) -> date:
    """For 'no later than N days before' deadlines, move earlier to the previous court day."""
    while day.weekday() >= SATURDAY or day in holidays:
        day -= timedelta(days=1)
    return day


def add_calendar_days(start: date, days: int, holidays: frozenset[date]) -> date:
    return roll_forward(start + timedelta(days=days), holidays)


def add_court_days(start: date, days: int, holidays: frozenset[date]) -> date:
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY and day not in holidays:
            remaining -= 1
    return day


def next_holiday(sorted_holidays: Sequence[date], day: date) -> date | None:
    idx = bisect.bisect_left(sorted_holidays, day)
    return sorted_holidays[idx] if idx < len(sorted_holidays) else None
