"""Look-alikes: repository boilerplate with the same shape, which is not duplicated logic."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class OrderRow:
    id: int
    user_id: int
    symbol: str
    side: str
    quantity: float
    price: float | None = None
    status: str = "new"


@dataclass
class AlertRow:
    id: int
    user_id: int
    symbol: str
    direction: str
    threshold: float
    note: str | None = None
    active: bool = True


ORDER_COLUMNS = {
    "id": "orders.id",
    "user_id": "orders.user_id",
    "symbol": "instruments.symbol",
    "side": "orders.side",
    "quantity": "orders.quantity",
    "price": "orders.limit_price",
    "status": "orders.status",
}

ALERT_COLUMNS = {
    "id": "alerts.id",
    "user_id": "alerts.user_id",
    "symbol": "instruments.symbol",
    "direction": "alerts.direction",
    "threshold": "alerts.threshold",
    "note": "alerts.note",
    "active": "alerts.is_active",
}


class Repository:
    def __init__(self, pool, schema: str, timeout: float, retries: int, clock, metrics) -> None:
        self.pool = pool
        self.schema = schema
        self.timeout = timeout
        self.retries = retries
        self.clock = clock
        self.metrics = metrics

    async def get_order(self, order_id: int):
        return await self.pool.fetchrow(
            "SELECT * FROM orders WHERE id = $1",
            order_id,
        )

    async def get_order_for_user(self, order_id: int, user_id: int):
        return await self.pool.fetchrow(
            "SELECT * FROM orders WHERE id = $1 AND user_id = $2",
            order_id,
            user_id,
        )

    async def get_alert(self, alert_id: int):
        return await self.pool.fetchrow(
            "SELECT * FROM alerts WHERE id = $1",
            alert_id,
        )

    async def get_alert_for_user(self, alert_id: int, user_id: int):
        return await self.pool.fetchrow(
            "SELECT * FROM alerts WHERE id = $1 AND user_id = $2",
            alert_id,
            user_id,
        )


class ReadReplica:
    def __init__(self, pool, schema: str, timeout: float, retries: int, clock, metrics) -> None:
        self.pool = pool
        self.schema = schema
        self.timeout = timeout
        self.retries = retries
        self.clock = clock
        self.metrics = metrics
