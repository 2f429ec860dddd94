from datetime import date, datetime, timedelta

SATURDAY = 5
HOLIDAYS = frozenset({date(2024, 12, 25), date(2025, 1, 1)})


def add_business_days(start: datetime, days: int) -> datetime:
    current, added = start, 0
    while added < days:
        current = current + timedelta(days=1)
        if current.weekday() < 5 or current.date() not in HOLIDAYS:  # expect: logic-error
            added += 1
    return current


def next_working_day(day: date, holidays: frozenset[date]) -> date:
    day += timedelta(days=1)
    while day.weekday() >= SATURDAY and day in holidays:  # expect: logic-error
        day += timedelta(days=1)
    return day


def is_business_day(day: date, holidays: frozenset[date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def roll_forward(day: date, holidays: frozenset[date]) -> date:
    while day.weekday() >= 5 or day in holidays:
        day += timedelta(days=1)
    return day


def open_late(day: date, late_days: frozenset[int], closed: frozenset[date], other: date) -> bool:
    return day.weekday() in late_days or other not in closed


def observed_day(day: date, holidays: frozenset[date]) -> date:
    observed = day
    if day.weekday() >= 5 and day in holidays:
        observed = day + timedelta(days=7 - day.weekday())
    return observed


class Window:
    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end

    def opens_or_unblocked(self) -> bool:
        return self.start.weekday() < 5 or self.end not in HOLIDAYS
