from __future__ import annotations

from datetime import datetime

import asyncpg


class CurtailmentRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record(self, command_id: str, site_id: int, limit_kw: float, starts_at: datetime,
                     ends_at: datetime | None, received_at: datetime) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            inserted = await conn.fetchval(
                "INSERT INTO curtailment_orders (command_id, site_id, limit_kw, starts_at, ends_at, received_at) "
                "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (command_id) DO NOTHING RETURNING id",
                command_id, site_id, limit_kw, starts_at, ends_at, received_at,
            )
        return inserted is not None

    async def mark_acked(self, command_id: str, at: datetime) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE curtailment_orders SET acked_at = $2, status = 'acked' WHERE command_id = $1",
                command_id, at,
            )

    async def active_for_site(self, site_id: int, at: datetime) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT * FROM curtailment_orders WHERE site_id = $1 AND starts_at <= $2 "
                "AND (ends_at IS NULL OR ends_at > $2) ORDER BY starts_at DESC LIMIT 1",
                site_id, at,
            )

    async def unacked(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT command_id, site_id, limit_kw, received_at FROM curtailment_orders "
                "WHERE status = 'received' ORDER BY received_at LIMIT 100"
            )
