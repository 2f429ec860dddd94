"""Push job queue on the raw asyncpg pool (hot path, no ORM)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import asyncpg

CLAIM_SQL = """
    UPDATE push_jobs SET status = 'running', attempts = attempts + 1
    WHERE id IN (
        SELECT id FROM push_jobs
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT $1
        FOR UPDATE SKIP LOCKED
    )
    RETURNING id, zone_id, node, serial, attempts
"""


class PushJobRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, zone_id: int, nodes: list[str], serial: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.executemany(
                "INSERT INTO push_jobs (zone_id, node, serial, status, next_attempt_at) "
                "VALUES ($1, $2, $3, 'pending', now())",
                [(zone_id, node, serial) for node in nodes],
            )

    async def claim(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(CLAIM_SQL, limit)

    async def mark_done(self, job_id: int) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE push_jobs SET status = 'done', last_error = NULL WHERE id = $1", job_id)

    async def _checkout(self) -> asyncpg.Connection:
        conn = await self._pool.acquire()
        await conn.execute("SET LOCAL statement_timeout = '5s'")
        return conn

    async def reschedule(self, job_id: int, attempts: int, error: str, max_attempts: int) -> None:
        conn = await self._checkout()
        delay = timedelta(seconds=min(3600, 15 * 2 ** attempts))
        status = "failed" if attempts >= max_attempts else "pending"
        await conn.execute(
            "UPDATE push_jobs SET status = $2, next_attempt_at = $3, last_error = $4 WHERE id = $1",
            job_id,
            status,
            datetime.now(timezone.utc) + delay,
            error[:1000],
        )
        await self._pool.release(conn)

    async def pending_nodes(self, zone_id: int) -> list[str]:
        conn = await self._pool.acquire(timeout=5)
        try:
            rows = await conn.fetch(
                "SELECT DISTINCT node FROM push_jobs WHERE zone_id = $1 AND status IN ('pending', 'running')",
                zone_id,
            )
        finally:
            await self._pool.release(conn)
        return [r["node"] for r in rows]
