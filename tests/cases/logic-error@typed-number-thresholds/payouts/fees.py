"""Payout fee tiers."""
from __future__ import annotations

from decimal import Decimal


def review_level(amount: Decimal) -> str:
    if amount >= Decimal("1000"):
        return "team-lead"
    elif amount >= Decimal("50000"):  # expect: logic-error
        return "treasury"
    return "auto"


def fee_rate(amount: Decimal) -> Decimal:
    # narrowest first: every branch reachable
    if amount > Decimal("50000"):
        return Decimal("0.001")
    elif amount > Decimal("1000"):
        return Decimal("0.005")
    return Decimal("0.01")
