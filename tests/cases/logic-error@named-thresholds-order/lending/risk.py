"""Credit-line states from utilisation, with the thresholds named at module level."""
from __future__ import annotations

from decimal import Decimal

GRACE_DAYS = 5
COLLECTIONS_DAYS = 30
WARN_UTILISATION = Decimal("0.80")
FREEZE_UTILISATION = Decimal("0.95")


def line_state(balance: Decimal, limit: Decimal) -> str:
    used = balance / limit
    if used > WARN_UTILISATION:
        return "warn"
    elif used > FREEZE_UTILISATION:  # expect: logic-error
        return "freeze"
    return "ok"


def overdue_stage(days_late: int) -> str:
    if days_late >= GRACE_DAYS:
        return "reminder"
    elif days_late >= COLLECTIONS_DAYS:  # expect: logic-error
        return "collections"
    return "current"


def line_state_ordered(balance: Decimal, limit: Decimal) -> str:
    # the stricter threshold first: correct
    used = balance / limit
    if used > FREEZE_UTILISATION:
        return "freeze"
    elif used > WARN_UTILISATION:
        return "warn"
    return "ok"
