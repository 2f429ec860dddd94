"""Writes fills reported by the exchange adapters."""
from __future__ import annotations

from decimal import Decimal


def fill_row(event) -> dict:
    return {
        "order_id": event.order_id,
        # a limit price of NaN means "market order": the only value not equal to itself
        "price": Decimal(event.price) if event.price == event.price else Decimal(0),
        "fee": event.fee.amount if event.fee.amount == event.fee.amount else 0.0,
    }


def mark_price(tick) -> float:
    if tick.mark != tick.mark:
        return float("nan")
    return tick.mark
