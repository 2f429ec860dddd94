"""Payroll cut-off dates counted over working days."""
from datetime import date, timedelta

SAT, SUN = 5, 6
BANK_CLOSED = frozenset({date(2025, 5, 26), date(2025, 7, 4)})


def working_days_between(first: date, last: date) -> int:
    count, day = 0, first
    while day < last:
        if day.weekday() not in (SAT, SUN) or day not in BANK_CLOSED:  # expect: logic-error
            count += 1
        day += timedelta(days=1)
    return count


def cutoff(start: date, lead: int) -> date:
    day, left = start, lead
    while left:
        day += timedelta(days=1)
        if day.isoweekday() in (6, 7) and day in BANK_CLOSED:  # expect: logic-error
            continue
        left -= 1
    return day


def cutoff_ok(start: date, lead: int) -> date:
    day, left = start, lead
    while left:
        day += timedelta(days=1)
        if day.isoweekday() in (6, 7) or day in BANK_CLOSED:
            continue
        left -= 1
    return day


def working_days_ok(first: date, last: date) -> int:
    count, day = 0, first
    while day < last:
        if day.weekday() not in (SAT, SUN) and day not in BANK_CLOSED:
            count += 1
        day += timedelta(days=1)
    return count


def late_shift(day: date, shifts: frozenset[date]) -> bool:
    return day.weekday() not in (4, 5) or day not in shifts


def observed(day: date) -> date:
    if day.weekday() in (SAT, SUN) and day in BANK_CLOSED:
        return day + timedelta(days=7 - day.weekday())
    return day
