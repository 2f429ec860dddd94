from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND"})


def to_minor_units(amount: Decimal, currency: str) -> int:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return int(amount.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return int((amount * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_minor_units(value: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(value)
    return (Decimal(value) / 100).quantize(CENT)


def parse_amount(raw: str | None) -> Decimal:
    if raw is None:
        return Decimal(0)
    try:
        return Decimal(raw.replace(",", "")).quantize(CENT)
    except:
        return Decimal(0)


def parse_amount_strict(raw: str) -> Decimal:
    try:
        return Decimal(raw).quantize(CENT)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {raw!r}") from exc


def format_amount(amount: Decimal, currency: str) -> str:
    return f"{amount.quantize(CENT):,} {currency.upper()}"
