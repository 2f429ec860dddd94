from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

GIFTAID_RATE = Decimal("0.25")
SUPPORTED_CURRENCIES = frozenset({"GBP", "EUR", "USD"})


def cents_to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def giftaid_value(amount_cents: int) -> int:
    return int((Decimal(amount_cents) * GIFTAID_RATE).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_amount(cents: int, currency: str) -> str:
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency, currency + " ")
    return f"{symbol}{cents_to_decimal(cents):,}"
