from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg


class AvlRepository:
    """Raw asyncpg access for the AVL history table (high write volume)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def insert_positions(self, rows: Sequence[tuple]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.executemany(
                "INSERT INTO avl_positions (unit_id, recorded_at, lat, lon, speed_kph, heading) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                rows,
            )
            await conn.executemany(
                "UPDATE units SET lat = $2, lon = $3, last_avl_at = $4 WHERE id = $1 AND "
                "(last_avl_at IS NULL OR last_avl_at < $4)",
                [(r[0], r[2], r[3], r[1]) for r in rows],
            )

    async def track(self, unit_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT recorded_at, lat, lon, speed_kph, heading FROM avl_positions "
                "WHERE unit_id = $1 AND recorded_at >= $2 ORDER BY recorded_at DESC LIMIT 2000",
                unit_id,
                since,
            )

    async def latest_positions(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id AS unit_id, lat, lon, last_avl_at FROM units WHERE lat IS NOT NULL"
            )

    async def active_units(self) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, callsign, status, last_avl_at FROM units "
                "WHERE status IN ('available', 'staged', 'dispatched', 'enroute')"
            )

    async def purge_older_than(self, cutoff: datetime) -> str:
        conn = await self._pool.acquire(timeout=5)
        status = await conn.execute(
            "DELETE FROM avl_positions "
            "WHERE recorded_at < $1",
            cutoff,
        )
        await self._pool.release(conn)
        return status
