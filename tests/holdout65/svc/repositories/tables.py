"""Raw asyncpg access to tables and their live status (hot path for host stands)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg


@dataclass(slots=True)
class TableRow:
    id: int
    label: str
    section: str
    capacity: int
    min_covers: int
    combinable: bool
    x: int
    y: int


@dataclass(slots=True)
class TableState:
    table_id: int
    label: str
    state: str
    booking_id: int | None
    changed_at: datetime | None


class TableRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def list_tables(self, restaurant_id: int) -> list[TableRow]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT id, label, section, capacity, min_covers, combinable, x, y FROM dining_tables "
                "WHERE restaurant_id = $1 AND active ORDER BY label",
                restaurant_id,
            )
        return [TableRow(**dict(r)) for r in rows]

    async def floor_states(self, restaurant_id: int) -> list[TableState]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT t.id AS table_id, t.label, coalesce(s.state, 'free') AS state, s.booking_id, s.changed_at "
                "FROM dining_tables t LEFT JOIN table_status s ON s.table_id = t.id "
                "WHERE t.restaurant_id = $1 AND t.active",
                restaurant_id,
            )
        return [TableState(**dict(r)) for r in rows]

    async def set_state(self, restaurant_id: int, table_id: int, state: str, booking_id: int | None) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO table_status (table_id, restaurant_id, state, booking_id, changed_at) "
                "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (table_id) DO UPDATE "
                "SET state = EXCLUDED.state, booking_id = EXCLUDED.booking_id, changed_at = now()",
                table_id, restaurant_id, state, booking_id,
            )

    async def claim_if_free(self, restaurant_id: int, table_id: int, booking_id: int) -> bool:
        async with self._pool.acquire() as conn:
            result = await conn.execute(
                "UPDATE table_status SET state = 'seated', booking_id = $3, changed_at = now() "
                "WHERE table_id = $1 AND restaurant_id = $2 AND state = 'free'",
                table_id, restaurant_id, booking_id,
            )
        return result.endswith(" 1")

    async def get_state(self, table_id: int) -> str:
        async with self._pool.acquire() as conn:
            value = await conn.fetchval("SELECT state FROM table_status WHERE table_id = $1", table_id)
        return value or "free"

    async def bulk_reset(self, restaurant_id: int, table_ids: list[int]) -> None:
        conn = await self._pool.acquire(timeout=5)
        try:
            async with conn.transaction():
                await conn.execute(
                    "UPDATE table_status SET state = 'free', booking_id = NULL, changed_at = now() "
                    "WHERE restaurant_id = $1 AND table_id = ANY($2::int[])",
                    restaurant_id, table_ids,
                )
        finally:
            await self._pool.release(conn)
