from __future__ import annotations

from app.services import orders

PRICES = {"AAPL": 190.0, "MSFT": 410.0}


def quote(symbol: str, quantity: int) -> float:
    value = PRICES[symbol] * quantity
    return value + orders.fee_for(value)
