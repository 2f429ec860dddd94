"""The order service: lookups are retried; placing an order is a write with no idempotency key."""
from __future__ import annotations

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

_orders = httpx.AsyncClient(base_url="http://orders.internal:8080", timeout=3.0)


async def order_status(order_id: int) -> str:
    async for attempt in AsyncRetrying(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2, max=2),
                                       retry=retry_if_exception_type(httpx.TransportError), reraise=True):
        with attempt:
            response = await _orders.get(f"/v1/orders/{order_id}")
            response.raise_for_status()
            return response.json()["status"]
    return "unknown"


async def place_order(user_id: int, items: list[int]) -> int:
    # a write: retrying it without an idempotency key could place the order twice
    response = await _orders.post("/v1/orders", json={"user": user_id, "items": items})
    response.raise_for_status()
    return response.json()["id"]
