"""Orders, order items and restaurant payouts (asyncpg)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

import asyncpg

from svc.db.stores import Database
from svc.errors import NotFound

_ORDER_COLUMNS = (
    "id, restaurant_id, customer_id, customer_phone, delivery_address, status, "
    "subtotal_cents, total_cents, promo_code, authorization_id, courier_id, created_at"
)


class LineLike(Protocol):
    item_id: int
    name: str
    quantity: int
    unit_price_cents: int


class OrderRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def insert(self, conn: asyncpg.Connection, *, idempotency_key: str, restaurant_id: int, customer_id: int,
                     customer_phone: str, delivery_address: str, subtotal_cents: int, total_cents: int,
                     promo_code: str | None) -> int | None:
        row = await conn.fetchrow(
            """
            INSERT INTO orders (idempotency_key, restaurant_id, customer_id, customer_phone,
                                delivery_address, status, subtotal_cents, total_cents, promo_code)
            VALUES ($1, $2, $3, $4, $5, 'placed', $6, $7, $8)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id
            """,
            idempotency_key, restaurant_id, customer_id, customer_phone, delivery_address,
            subtotal_cents, total_cents, promo_code,
        )
        return None if row is None else int(row["id"])

    async def insert_items(self, conn: asyncpg.Connection, order_id: int, lines: Sequence[LineLike]) -> None:
        await conn.executemany(
            "INSERT INTO order_items (order_id, menu_item_id, name, quantity, unit_price_cents) "
            "VALUES ($1, $2, $3, $4, $5)",
            [(order_id, ln.item_id, ln.name, ln.quantity, ln.unit_price_cents) for ln in lines],
        )

    async def get(self, order_id: int) -> dict[str, Any]:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_ORDER_COLUMNS} FROM orders WHERE id = $1", order_id)
        if row is None:
            raise NotFound(f"order {order_id} not found")
        return dict(row)

    async def transition(self, order_id: int, from_statuses: Sequence[str], to_status: str) -> bool:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "UPDATE orders SET status = $3, updated_at = now() "
                "WHERE id = $1 AND status = ANY($2::text[]) RETURNING id",
                order_id,
                list(from_statuses),
                to_status,
            )
        return row is not None

    async def set_status(self, order_id: int, status: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE orders SET status = $2, updated_at = now() WHERE id = $1", order_id, status)

    async def set_authorization(self, order_id: int, authorization_id: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute(
                "UPDATE orders SET authorization_id = $2 WHERE id = $1", order_id, authorization_id
            )

    async def find_by_phone(self, phone: str) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, restaurant_id, status, total_cents, created_at FROM orders "
                "WHERE customer_phone = $1 ORDER BY created_at DESC LIMIT 50",
                phone,
            )
        return [dict(r) for r in rows]

    async def list_for_customer(self, customer_id: int, before_id: int | None, limit: int) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, restaurant_id, status, total_cents, created_at FROM orders "
                "WHERE customer_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
                customer_id,
                before_id if before_id is not None else 2**63 - 1,
                limit,
            )
        return [dict(r) for r in rows]

    async def restaurant_history(self, restaurant_id: int, page: int, page_size: int) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, status, total_cents, created_at FROM orders WHERE restaurant_id = $1 "
                "ORDER BY created_at DESC LIMIT $2 OFFSET $3",
                restaurant_id,
                page_size,
                (page - 1) * page_size,
            )
        return [dict(r) for r in rows]

    async def stale_placed(self, older_than: datetime, limit: int) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT id, authorization_id, total_cents FROM orders "
                "WHERE status = 'placed' AND created_at < $1 ORDER BY created_at LIMIT $2",
                older_than,
                limit,
            )
        return [dict(r) for r in rows]

    async def items_for_order(self, order_id: int) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT menu_item_id, name, quantity FROM order_items WHERE order_id = $1", order_id)

    async def items_for_orders(self, order_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT order_id, menu_item_id, name, quantity, unit_price_cents FROM order_items "
                "WHERE order_id = ANY($1::bigint[])",
                list(order_ids),
            )
        grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            grouped[row["order_id"]].append(dict(row))
        return grouped


class PayoutRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def compute_period(self, period_start: date, starts_at: datetime, ends_at: datetime) -> int:
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        async with conn.transaction():
            status = await conn.execute(
                """
                INSERT INTO payouts (restaurant_id, period_start, amount_cents, status)
                SELECT restaurant_id, $1, SUM(total_cents), 'pending'
                FROM orders
                WHERE status = 'delivered' AND created_at >= $2 AND created_at < $3
                GROUP BY restaurant_id
                ON CONFLICT (period_start, restaurant_id) DO NOTHING
                """,
                period_start,
                starts_at,
                ends_at,
            )
        await self._db.pool.release(conn)
        return int(status.split()[-1])

    async def pending(self, limit: int = 500) -> list[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, restaurant_id, amount_cents FROM payouts WHERE status = 'pending' ORDER BY id LIMIT $1",
                limit,
            )
