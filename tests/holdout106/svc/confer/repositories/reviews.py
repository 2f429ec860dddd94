from __future__ import annotations

import asyncpg

_UPSERT_STATS = """
INSERT INTO review_stats (submission_id, avg_score, n_reviews) VALUES ($1, $2, $3)
ON CONFLICT (submission_id) DO UPDATE SET avg_score = EXCLUDED.avg_score, n_reviews = EXCLUDED.n_reviews
"""


class ReviewRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def get(self, review_id: int) -> asyncpg.Record | None:
        return await self.pool.fetchrow("SELECT * FROM reviews WHERE id = $1", review_id)

    async def for_submission(self, submission_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            "SELECT * FROM reviews WHERE submission_id = $1 AND submitted_at IS NOT NULL ORDER BY id",
            submission_id,
        )

    async def submit(self, review_id: int, reviewer_id: int, score: int, confidence: int, body: str) -> asyncpg.Record | None:
        return await self.pool.fetchrow(
            """
            UPDATE reviews SET score = $3, confidence = $4, body = $5, submitted_at = now()
            WHERE id = $1 AND reviewer_id = $2 AND submitted_at IS NULL
            RETURNING submission_id, score
            """,
            review_id, reviewer_id, score, confidence, body,
        )

    async def update_stats(self, submission_id: int, score: int) -> None:
        row = await self.pool.fetchrow(
            "SELECT avg_score, n_reviews FROM review_stats WHERE submission_id = $1", submission_id
        )
        n = row["n_reviews"] if row else 0
        avg = row["avg_score"] if row else 0.0
        new_avg = (avg * n + score) / (n + 1)
        await self.pool.execute(_UPSERT_STATS, submission_id, new_avg, n + 1)

    async def stats_for_track(self, track_id: int) -> list[asyncpg.Record]:
        return await self.pool.fetch(
            """
            SELECT s.id, s.number, s.title, rs.avg_score, rs.n_reviews
            FROM submissions s LEFT JOIN review_stats rs ON rs.submission_id = s.id
            WHERE s.track_id = $1 AND s.status = 'submitted'
            ORDER BY rs.avg_score DESC NULLS LAST
            """,
            track_id,
        )

    async def create_for_assignments(self, track_id: int, due_at) -> int:
        result = await self.pool.execute(
            """
            INSERT INTO reviews (assignment_id, submission_id, reviewer_id, due_at)
            SELECT a.id, a.submission_id, a.reviewer_id, $2 FROM assignments a
            WHERE a.track_id = $1
            ON CONFLICT (assignment_id) DO NOTHING
            """,
            track_id, due_at,
        )
        return int(result.split()[-1])
