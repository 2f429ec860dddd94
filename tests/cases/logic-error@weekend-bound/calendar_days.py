from datetime import date, timedelta

SATURDAY = 5
SUNDAY = 6


def roll_forward(day: date, holidays: frozenset[date]) -> date:
    while day.weekday() > SATURDAY or day in holidays:  # expect: logic-error
        day += timedelta(days=1)
    return day


def is_weekend(day: date) -> bool:
    return day.isoweekday() >= 7  # expect: logic-error


def roll_back(day: date, holidays: frozenset[date]) -> date:
    while day.weekday() >= SATURDAY or day in holidays:
        day -= timedelta(days=1)
    return day


def is_sunday(day: date) -> bool:
    return day.weekday() == SUNDAY


def is_business_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day.isoweekday() <= 5


def past_thursday(day: date) -> bool:
    return day.weekday() > 3
