from __future__ import annotations

import asyncio

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Review, Submission


class StatsService:
    def __init__(self, session: AsyncSession, pool: asyncpg.Pool) -> None:
        self.session = session
        self.pool = pool

    async def submission_count(self, track_id: int) -> int:
        result = await self.session.execute(select(Submission).where(Submission.track_id == track_id))
        return len(result.scalars().all())

    async def pending_reviews(self, track_id: int) -> int:
        stmt = (
            select(func.count())
            .select_from(Review)
            .join(Submission, Submission.id == Review.submission_id)
            .where(Submission.track_id == track_id, Review.submitted_at.is_(None))
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def _submitted(self, track_id: int) -> int:
        return await self.pool.fetchval(
            "SELECT count(*) FROM submissions WHERE track_id = $1 AND status <> 'draft'", track_id
        )

    async def _reviewed(self, track_id: int) -> int:
        return await self.pool.fetchval(
            "SELECT count(*) FROM reviews r JOIN submissions s ON s.id = r.submission_id "
            "WHERE s.track_id = $1 AND r.submitted_at IS NOT NULL",
            track_id,
        )

    async def _registered(self, conference_id: int) -> int:
        return await self.pool.fetchval(
            "SELECT count(*) FROM registrations WHERE conference_id = $1 AND status = 'paid'", conference_id
        )

    async def dashboard(self, conference_id: int, track_id: int) -> dict:
        submitted, reviewed, registered = await asyncio.gather(
            [self._submitted(track_id), self._reviewed(track_id), self._registered(conference_id)]
        )
        return {"submitted": submitted, "reviews_done": reviewed, "registered": registered}

    async def per_day(self, track_id: int) -> list[dict]:
        rows = await self.pool.fetch(
            """
            SELECT date_trunc('day', submitted_at) AS day, count(*) AS n
            FROM submissions
            WHERE track_id = $1 AND submitted_at IS NOT NULL
            GROUP BY 1 ORDER BY 1
            """,
            track_id,
        )
        return [{"day": r["day"].date().isoformat(), "n": r["n"]} for r in rows]
