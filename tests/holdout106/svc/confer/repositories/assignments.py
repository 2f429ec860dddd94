from __future__ import annotations

import asyncpg


class AssignmentRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def for_track(self, track_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            "SELECT submission_id, reviewer_id FROM assignments WHERE track_id = $1", track_id
        )

    async def for_reviewer(self, reviewer_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT a.id, a.submission_id, s.title, r.due_at, r.submitted_at
            FROM assignments a
            JOIN submissions s ON s.id = a.submission_id
            LEFT JOIN reviews r ON r.assignment_id = a.id
            WHERE a.reviewer_id = $1
            """,
            reviewer_id,
        )

    async def load_counts(self, track_id: int) -> dict[int, int]:
        rows = await self.pool.fetch(
            "SELECT reviewer_id, count(*) AS n FROM assignments WHERE track_id = $1 GROUP BY reviewer_id",
            track_id,
        )
        return {r["reviewer_id"]: r["n"] for r in rows}

    async def replace_for_track(self, track_id: int, pairs: list[tuple[int, int]]) -> None:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute(
                    "DELETE FROM assignments a WHERE a.track_id = $1 "
                    "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.assignment_id = a.id AND r.submitted_at IS NOT NULL)",
                    track_id,
                )
                await conn.executemany(
                    "INSERT INTO assignments (submission_id, reviewer_id, track_id) VALUES ($1, $2, $3) "
                    "ON CONFLICT ON CONSTRAINT uq_assignment DO NOTHING",
                    [(sid, rid, track_id) for sid, rid in pairs],
                )
