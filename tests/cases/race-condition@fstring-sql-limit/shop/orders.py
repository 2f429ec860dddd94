"""Order rows read with a shared column list, and the service that moves their status."""
from typing import Any

import asyncpg

_COLUMNS = "id, status, customer_id, total_cents"
CANCELLABLE = frozenset({"placed", "accepted"})


class Conflict(Exception):
    pass


class OrderRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, order_id: int) -> dict[str, Any]:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM orders WHERE id = $1", order_id)
        return dict(row)

    async def set_status(self, order_id: int, status: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE orders SET status = $2 WHERE id = $1", order_id, status)

    async def transition(self, order_id: int, allowed: list[str], status: str) -> bool:
        async with self._pool.acquire() as conn:
            moved = await conn.fetchval(
                "UPDATE orders SET status = $3 WHERE id = $1 AND status = ANY($2::text[]) RETURNING id",
                order_id, allowed, status)
        return moved is not None

    async def set_note(self, order_id: int, note: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE orders SET note = $2 WHERE id = $1", order_id, note)


class OrderService:
    def __init__(self, orders: OrderRepository) -> None:
        self._orders = orders

    async def cancel(self, order_id: int) -> None:
        order = await self._orders.get(order_id)
        if order["status"] not in CANCELLABLE:  # expect: race-condition
            raise Conflict(f"order {order_id} is {order['status']}")
        await self._orders.set_status(order_id, "cancelled")

    async def cancel_guarded(self, order_id: int) -> None:
        """The UPDATE re-tests the status itself."""
        order = await self._orders.get(order_id)
        if order["status"] not in CANCELLABLE:
            raise Conflict(f"order {order_id} is {order['status']}")
        if not await self._orders.transition(order_id, list(CANCELLABLE), "cancelled"):
            raise Conflict("moved concurrently")

    async def rename(self, order_id: int, note: str) -> None:
        """The status gates another column: repeating it is harmless."""
        order = await self._orders.get(order_id)
        if order["status"] == "cancelled":
            raise Conflict("cancelled orders are read-only")
        await self._orders.set_note(order_id, note)
