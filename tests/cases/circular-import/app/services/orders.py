"""Orders use pricing; pricing reaches back for the fee table: a two-module cycle."""
from __future__ import annotations

from app.services import pricing  # expect: circular-import

MAX_ORDER_VALUE = 1_000_000


async def place_order(request: dict) -> dict:
    price = pricing.quote(request["symbol"], request["quantity"])
    if price > MAX_ORDER_VALUE:
        raise ValueError("order too large")
    return {"symbol": request["symbol"], "quantity": request["quantity"], "price": price}


def fee_for(value: float) -> float:
    return max(1.0, value * 0.0005)
