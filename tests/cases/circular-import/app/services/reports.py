"""Look-alike: imports `orders` at module level, and `orders` does not import it back."""
from __future__ import annotations

from app.services import orders


def summary(items: list[dict]) -> dict:
    total = sum(item["price"] for item in items)
    return {"count": len(items), "total": total, "max": orders.MAX_ORDER_VALUE}
