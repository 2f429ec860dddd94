"""Transcode job bookkeeping."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg


class TranscodeJobRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def create(self, lesson_id: int, external_job_id: str) -> int:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                "INSERT INTO transcode_jobs (lesson_id, external_job_id, status) VALUES ($1, $2, 'queued') RETURNING id",
                lesson_id,
                external_job_id,
            )

    async def by_external_id(self, external_job_id: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT id, lesson_id, status FROM transcode_jobs WHERE external_job_id = $1",
                external_job_id,
            )

    async def pending(self, limit: int = 200) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, lesson_id, external_job_id FROM transcode_jobs "
                "WHERE status = ANY($1::text[]) ORDER BY created_at LIMIT $2",
                ["queued", "processing"],
                limit,
            )

    async def latest_for_lessons(self, lesson_ids: Sequence[int]) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT DISTINCT ON (lesson_id) id, lesson_id, external_job_id, status "
                "FROM transcode_jobs WHERE lesson_id = ANY($1::bigint[]) "
                "ORDER BY lesson_id, created_at DESC",
                list(lesson_ids),
            )

    async def set_statuses(self, updates: Sequence[tuple[int, str, str | None]]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(
                "UPDATE transcode_jobs SET status = $2, output_url = $3, updated_at = now() WHERE id = $1",
                updates,
            )

    async def set_status(self, job_id: int, status: str, output_url: str | None) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE transcode_jobs SET status = $2, output_url = $3, updated_at = now() WHERE id = $1",
                job_id,
                status,
                output_url,
            )
