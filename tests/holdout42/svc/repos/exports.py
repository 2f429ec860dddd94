from __future__ import annotations

import json
from typing import Any

import asyncpg

from svc.config import settings

class ExportJobsRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, kind: str, params: dict[str, Any], requested_by: str) -> int:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO export_jobs (kind, params, requested_by) VALUES ($1, $2::jsonb, $3) RETURNING id",
                kind,
                json.dumps(params),
                requested_by,
            )

    async def claim_next(self) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            async with conn.transaction():
                job = await conn.fetchrow(
                    "SELECT id, kind, params, requested_by FROM export_jobs WHERE status = 'pending' "
                    "ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED"
                )
                if job is None:
                    return None
                await conn.execute("UPDATE export_jobs SET status = 'running' WHERE id = $1", job["id"])
                return job

    async def finish(self, job_id: int, object_url: str) -> None:
        conn = await self._pool.acquire()
        await conn.execute(
            "UPDATE export_jobs SET status = 'done', object_url = $2, finished_at = now() WHERE id = $1",
            job_id,
            object_url,
        )
        await self._pool.release(conn)

    async def fail(self, job_id: int) -> None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            await conn.execute(
                "UPDATE export_jobs SET status = 'failed', finished_at = now() WHERE id = $1", job_id
            )

    async def get(self, job_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            return await conn.fetchrow("SELECT * FROM export_jobs WHERE id = $1", job_id)
