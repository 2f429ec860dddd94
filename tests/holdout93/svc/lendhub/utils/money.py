from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def monthly_payment(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    if annual_rate == 0:
        return q(principal / months)
    r = annual_rate / Decimal(1200)
    factor = (1 + r) ** months
    return q(principal * r * factor / (factor - 1))


def amortization_schedule(principal: Decimal, annual_rate: Decimal, months: int) -> list[dict[str, Decimal]]:
    payment = monthly_payment(principal, annual_rate, months)
    r = annual_rate / Decimal(1200)
    balance = principal
    rows = []
    for _ in range(months):
        interest = q(balance * r)
        principal_part = payment - interest
        balance = q(balance - principal_part)
        rows.append({"payment": payment, "principal": principal_part, "interest": interest, "balance": balance})
    return rows
