"""Risk limits."""
from __future__ import annotations

from decimal import Decimal

__all__ = ["notional", "limit_for", "exposure_cap"]  # expect: undefined-name

DEFAULT_LIMIT = Decimal("1000000")
checks_run = 0


def notional(quantity: Decimal, price: Decimal) -> Decimal:
    return quantity * price


def limit_for(user: dict) -> Decimal:
    raw = user.get("limit")
    return Decimal(raw) if raw is not None else DEFAUL_LIMIT  # expect: undefined-name


def count_check() -> int:
    checks_run += 1  # expect: undefined-name
    return checks_run


def count_check_global() -> int:
    global checks_run
    checks_run += 1
    return checks_run
