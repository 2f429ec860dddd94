from datetime import date
from decimal import Decimal


def prorated_credits(included: int, period_start: date, period_end: date, today: date) -> Decimal:
    days_in_period = (period_end - period_start).days
    days_remaining = (period_end - today).days
    share = days_remaining // days_in_period  # expect: logic-error
    return Decimal(included) * share


def elapsed_share(started: float, finishes: float, now: float) -> int:
    return 100 * ((now - started) // (finishes - started))  # expect: logic-error


def prorated_fraction(included: int, period_start: date, period_end: date, today: date) -> Decimal:
    days_in_period = (period_end - period_start).days
    days_remaining = (period_end - today).days
    return Decimal(included) * Decimal(days_remaining) / Decimal(days_in_period)


def whole_weeks(start: date, end: date) -> int:
    return (end - start).days // 7


def cycles_done(anchor: date, today: date, cycle_start: date, cycle_end: date) -> int:
    return (today - anchor).days // (cycle_end - cycle_start).days


def widen_levels(levels: list[int], narrow_bits: int, wide_bits: int) -> list[int]:
    # all-ones masks: 0b1111 // 0b11 is the exact factor 5 that widens 2-bit levels to 4 bits
    factor = (2**wide_bits - 1) // (2**narrow_bits - 1)
    return [level * factor for level in levels]
