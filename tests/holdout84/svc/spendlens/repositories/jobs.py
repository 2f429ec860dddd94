from __future__ import annotations

import asyncpg


class JobRepository:
    """Ingest and scan job queues, both kept in Postgres."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue_ingest(self, account_id: int, export_key: str) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO ingest_jobs (account_id, export_key) VALUES ($1, $2) RETURNING id",
                account_id,
                export_key,
            )

    async def claim_ingest_jobs(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            jobs = await conn.fetch(
                "SELECT id, account_id, export_key FROM ingest_jobs WHERE status = 'pending' ORDER BY created_at LIMIT $1",
                limit,
            )
            if jobs:
                await conn.execute(
                    "UPDATE ingest_jobs SET status = 'running', attempts = attempts + 1 WHERE id = ANY($1::bigint[])",
                    [job["id"] for job in jobs],
                )
            return jobs

    async def claim_scan_jobs(self, limit: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                UPDATE scan_jobs SET status = 'running'
                 WHERE id IN (
                       SELECT id FROM scan_jobs
                        WHERE status = 'pending'
                        ORDER BY created_at
                        LIMIT $1
                        FOR UPDATE SKIP LOCKED)
                RETURNING id, account_id
                """,
                limit,
            )

    async def finish_ingest(self, job_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE ingest_jobs SET status = 'done', finished_at = now() WHERE id = $1", job_id
            )

    async def fail_ingest(self, job_id: int, error: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "UPDATE ingest_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1",
                job_id,
                error[:2000],
            )

    async def finish_scan(self, job_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE scan_jobs SET status = 'done', finished_at = now() WHERE id = $1", job_id)
