from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")
PRICE_TICK = Decimal("0.0001")


def to_cents(value: Decimal | float | str) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)


def to_price(value: Decimal | float | str) -> Decimal:
    return Decimal(str(value)).quantize(PRICE_TICK, rounding=ROUND_HALF_EVEN)


def notional(quantity: int, price: Decimal) -> Decimal:
    return to_cents(price * quantity)


def weighted_average_cost(old_qty: int, old_cost: Decimal, add_qty: int, add_price: Decimal) -> Decimal:
    total = old_qty + add_qty
    if total == 0:
        return Decimal("0")
    return ((old_cost * old_qty) + (add_price * add_qty)) / total


def format_money(value: Decimal, currency: str = "USD") -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{currency} {abs(to_cents(value)):,.2f}"


def split_ratio(numerator: int, denominator: int) -> Decimal:
    if numerator <= 0 or denominator <= 0:
        raise ValueError("split ratio terms must be positive")
    return Decimal(numerator) / Decimal(denominator)


def basis_points(part: Decimal, whole: Decimal) -> int:
    if whole == 0:
        return 0
    return int((part / whole * 10_000).to_integral_value(rounding=ROUND_HALF_EVEN))
