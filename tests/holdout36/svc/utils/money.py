from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def q(amount: Decimal | int | str) -> Decimal:
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def apply_tax(amount: Decimal, rate_percent: Decimal) -> Decimal:
    return q(amount * (Decimal(100) + rate_percent) / Decimal(100))


def split_evenly(total: Decimal, parts: int) -> list[Decimal]:
    if parts <= 0:
        raise ValueError("parts must be positive")
    share = q(total / parts)
    shares = [share] * parts
    shares[-1] = q(total - share * (parts - 1))
    return shares
