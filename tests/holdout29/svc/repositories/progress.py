"""Lesson progress and course rollups."""

from __future__ import annotations

from collections.abc import Iterable

import asyncpg


class ProgressRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def completed_lessons(self, enrolment_id: int) -> set[int]:
        conn = await self._pool.acquire()
        try:
            rows = await conn.fetch(
                "SELECT lesson_id FROM lesson_progress WHERE enrolment_id = $1", enrolment_id
            )
        finally:
            await self._pool.release(conn)
        return {r["lesson_id"] for r in rows}

    async def mark_complete(self, enrolment_id: int, lesson_id: int) -> bool:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            inserted = await conn.fetchval(
                """
                INSERT INTO lesson_progress (enrolment_id, lesson_id, completed_at)
                VALUES ($1, $2, now())
                ON CONFLICT ON CONSTRAINT uq_progress_enrolment_lesson DO NOTHING
                RETURNING id
                """,
                enrolment_id,
                lesson_id,
            )
        return inserted is not None

    async def completers(self, course_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT e.user_id
                FROM enrolments e
                JOIN lesson_progress p ON p.enrolment_id = e.id
                WHERE e.course_id = $1
                GROUP BY e.user_id
                HAVING count(*) >= (SELECT count(*) FROM lessons l WHERE l.course_id = $1)
                """,
                course_id,
            )

    async def enrolment_pairs(self, course_id: int, user_ids: list[int]) -> list[tuple[int, int]]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, user_id FROM enrolments WHERE course_id = $1 AND user_id = ANY($2::bigint[])",
                course_id,
                user_ids,
            )
        return [(r["id"], r["user_id"]) for r in rows]

    async def upsert_rollups(self, rows: Iterable[tuple[int, int, int, float]]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            async with conn.transaction():
                await conn.executemany(
                    """
                    INSERT INTO course_rollups (course_id, enrolled, completed, completion_rate, updated_at)
                    VALUES ($1, $2, $3, $4, now())
                    ON CONFLICT (course_id) DO UPDATE
                    SET enrolled = EXCLUDED.enrolled,
                        completed = EXCLUDED.completed,
                        completion_rate = EXCLUDED.completion_rate,
                        updated_at = now()
                    """,
                    list(rows),
                )

    async def add_view_counters(self, counters: dict[int, int]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.executemany(
                "UPDATE lessons SET view_count = view_count + $2 WHERE id = $1",
                list(counters.items()),
            )
