"""Hot reading-queue queries go straight through asyncpg."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from readroom.settings import get_settings

_QUEUE_SQL = """
SELECT a.id, a.study_id, a.subspecialty, a.priority, a.priority_rank, a.status,
       a.claimed_by, a.claimed_at, a.queued_at
FROM reading_assignments a
WHERE a.status = 'UNREAD' AND a.subspecialty = $1
ORDER BY a.priority_rank, a.queued_at
LIMIT $2
"""


class ReadingQueueRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self._acquire_timeout = get_settings().asyncpg_acquire_timeout

    async def list_unread(self, subspecialty: str, limit: int) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(_QUEUE_SQL, subspecialty, limit)

    async def get(self, assignment_id: int) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow("SELECT * FROM reading_assignments WHERE id = $1", assignment_id)

    async def claim_if_free(self, assignment_id: int, user_id: int, now: datetime) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetchrow(
                """
                UPDATE reading_assignments
                   SET claimed_by = $2, claimed_at = $3, status = 'IN_PROGRESS'
                 WHERE id = $1 AND claimed_by IS NULL AND status = 'UNREAD'
                RETURNING id, study_id, claimed_by
                """,
                assignment_id,
                user_id,
                now,
            )

    async def set_claim(self, assignment_id: int, user_id: int, now: datetime) -> None:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                "UPDATE reading_assignments SET claimed_by = $2, claimed_at = $3, status = 'IN_PROGRESS' WHERE id = $1",
                assignment_id,
                user_id,
                now,
            )

    async def reassign(self, assignment_id: int, user_id: int, now: datetime) -> bool:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            result = await conn.execute(
                "UPDATE reading_assignments SET claimed_by = $2, claimed_at = $3, status = 'IN_PROGRESS' "
                "WHERE id = $1 AND status IN ('UNREAD', 'IN_PROGRESS')",
                assignment_id,
                user_id,
                now,
            )
        return result.endswith(" 1")

    async def release(self, assignment_id: int, user_id: int) -> bool:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            result = await conn.execute(
                """
                UPDATE reading_assignments SET claimed_by = NULL, claimed_at = NULL, status = 'UNREAD'
                 WHERE id = $1 AND claimed_by = $2 AND status = 'IN_PROGRESS'
                """,
                assignment_id,
                user_id,
            )
        return result.endswith(" 1")

    async def claimed_by(self, user_id: int) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT * FROM reading_assignments WHERE claimed_by = $1 AND status = 'IN_PROGRESS' "
                "ORDER BY claimed_at LIMIT 100",
                user_id,
            )

    async def queue_depths(self) -> dict[str, int]:
        conn = await self.pool.acquire()
        rows = await conn.fetch(
            "SELECT subspecialty, count(*) AS n FROM reading_assignments WHERE status = 'UNREAD' GROUP BY subspecialty"
        )
        await self.pool.release(conn)
        return {r["subspecialty"]: r["n"] for r in rows}

    async def stale_claims(self, older_than: datetime) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, study_id, claimed_by FROM reading_assignments "
                "WHERE status = 'IN_PROGRESS' AND claimed_at < $1 LIMIT 500",
                older_than,
            )

    async def release_stale(self, older_than: datetime) -> int:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            result = await conn.execute(
                "UPDATE reading_assignments SET claimed_by = NULL, claimed_at = NULL, status = 'UNREAD' "
                "WHERE status = 'IN_PROGRESS' AND claimed_at < $1",
                older_than,
            )
        return int(result.split()[-1])

    async def overdue_candidates(self, hours: int) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            return await conn.fetch(
                """
                SELECT a.id, a.priority, a.claimed_by, a.queued_at, s.accession_number
                  FROM reading_assignments a
                  JOIN studies s ON s.id = a.study_id
                 WHERE a.status IN ('UNREAD', 'IN_PROGRESS') AND a.queued_at >= now() - make_interval(hours => $1)
                 ORDER BY a.queued_at
                 LIMIT 1000
                """,
                hours,
            )

    async def enqueue(self, study_id: int, subspecialty: str, priority: str, rank: int) -> None:
        async with self.pool.acquire(timeout=self._acquire_timeout) as conn:
            await conn.execute(
                """
                INSERT INTO reading_assignments (study_id, subspecialty, priority, priority_rank, status)
                VALUES ($1, $2, $3, $4, 'UNREAD')
                ON CONFLICT (study_id) DO UPDATE SET priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank
                """,
                study_id,
                subspecialty,
                priority,
                rank,
            )
