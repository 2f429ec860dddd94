"""Enrolment and seat accounting (raw SQL over asyncpg)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg


class EnrolmentRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    async def reserve_seat(self, course_id: int) -> bool:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            row = await conn.fetchrow(
                """
                UPDATE courses SET seats_taken = seats_taken + 1
                WHERE id = $1 AND seats_taken < capacity
                RETURNING seats_taken
                """,
                course_id,
            )
        return row is not None

    async def release_seat(self, course_id: int) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE courses SET seats_taken = seats_taken - 1 WHERE id = $1 AND seats_taken > 0",
                course_id,
            )

    async def seat_state(self, course_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                "SELECT seats_taken, capacity FROM courses WHERE id = $1", course_id
            )

    async def add_seat(self, course_id: int) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE courses SET seats_taken = seats_taken + 1 WHERE id = $1", course_id
            )

    async def create(self, user_id: int, course_id: int) -> int | None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchval(
                """
                INSERT INTO enrolments (user_id, course_id, status, enrolled_at)
                VALUES ($1, $2, 'active', now())
                ON CONFLICT ON CONSTRAINT uq_enrolments_user_course DO NOTHING
                RETURNING id
                """,
                user_id,
                course_id,
            )

    async def for_user(self, user_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, course_id, status, enrolled_at FROM enrolments WHERE user_id = $1 ORDER BY enrolled_at DESC",
                user_id,
            )

    async def active_for_course(self, course_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, user_id FROM enrolments WHERE course_id = $1 AND status = 'active'",
                course_id,
            )

    async def inactive_since(self, cutoff: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, user_id, course_id FROM enrolments WHERE last_activity_at < $1 AND reminded_at IS NULL",
                cutoff,
            )

    async def mark_reminded(self, enrolment_ids: Sequence[int]) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE enrolments SET reminded_at = now() WHERE id = ANY($1::bigint[])",
                list(enrolment_ids),
            )

    async def touch(self, enrolment_id: int) -> None:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE enrolments SET last_activity_at = now() WHERE id = $1", enrolment_id
            )
