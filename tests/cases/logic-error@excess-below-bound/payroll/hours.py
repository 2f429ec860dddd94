from __future__ import annotations

from decimal import Decimal

ZERO = Decimal("0")
WEEKLY_OT_THRESHOLD = Decimal("40")
DAILY_THRESHOLD = Decimal("8")


def split_overtime(daily_hours: list[Decimal]) -> tuple[Decimal, Decimal]:
    daily_ot = sum((max(ZERO, h - DAILY_THRESHOLD) for h in daily_hours), ZERO)
    total = sum(daily_hours, ZERO)
    weekly_ot = max(ZERO, WEEKLY_OT_THRESHOLD - total)  # expect: logic-error
    overtime = max(daily_ot, weekly_ot)
    return total - overtime, overtime


def split_overtime_right(daily_hours: list[Decimal]) -> tuple[Decimal, Decimal]:
    total = sum(daily_hours, ZERO)
    weekly_ot = max(ZERO, total - WEEKLY_OT_THRESHOLD)
    hours_left = max(ZERO, WEEKLY_OT_THRESHOLD - total)
    return total - weekly_ot, hours_left


def overtime_remaining(total: Decimal) -> Decimal:
    return WEEKLY_OT_THRESHOLD - total
