from __future__ import annotations

from collections.abc import Iterable

import asyncpg

CLAIM_SQL = """
WITH picked AS (
    SELECT id FROM crawl_jobs
    WHERE shard = $1 AND status = 'queued'
    ORDER BY enqueued_at
    LIMIT $2
    FOR UPDATE SKIP LOCKED
)
UPDATE crawl_jobs j SET status = 'running', locked_at = now(), attempts = j.attempts + 1
FROM picked WHERE j.id = picked.id
RETURNING j.id, j.product_id, j.retailer_id, j.attempts
"""


async def enqueue(pool: asyncpg.Pool, jobs: Iterable[tuple[int, int, int]]) -> None:
    async with pool.acquire(timeout=5) as conn:
        await conn.executemany(
            "INSERT INTO crawl_jobs (product_id, retailer_id, shard) VALUES ($1, $2, $3)",
            list(jobs),
        )


async def claim(pool: asyncpg.Pool, shard: int, limit: int) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        async with conn.transaction():
            return await conn.fetch(CLAIM_SQL, shard, limit)


async def finish(pool: asyncpg.Pool, job_id: int, ok: bool) -> None:
    async with pool.acquire(timeout=5) as conn:
        await conn.execute(
            "UPDATE crawl_jobs SET status = $2, locked_at = NULL WHERE id = $1",
            job_id, "done" if ok else "failed",
        )


async def requeue_stale(pool: asyncpg.Pool, older_than_seconds: int = 900) -> int:
    async with pool.acquire(timeout=5) as conn:
        status = await conn.execute(
            "UPDATE crawl_jobs SET status = 'queued', locked_at = NULL "
            "WHERE status = 'running' AND locked_at < now() - make_interval(secs => $1)",
            older_than_seconds,
        )
    return int(status.split()[-1])
