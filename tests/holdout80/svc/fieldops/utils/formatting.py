from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def quantize(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str = "USD") -> str:
    symbol = {"USD": "$", "CAD": "C$", "EUR": "€"}.get(currency, "")
    return f"{symbol}{quantize(amount):,.2f}"


def apply_discount(amount: Decimal, pct: Decimal) -> Decimal:
    return quantize(amount * (Decimal(100) - pct) / Decimal(100))


def rows_to_csv(header: list[str], rows: Iterable[Iterable]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
