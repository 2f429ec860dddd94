from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_CLAIM = text(
    """
    UPDATE prior_fetch_jobs SET status = 'RUNNING', attempts = attempts + 1
     WHERE id IN (
        SELECT id FROM prior_fetch_jobs
         WHERE status = 'PENDING' AND due_at <= :now
         ORDER BY due_at
         LIMIT :limit
         FOR UPDATE SKIP LOCKED)
    RETURNING id, study_id, prior_study_uid, attempts
    """
)


class PriorJobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, study_id: int, prior_uids: list[str]) -> None:
        if not prior_uids:
            return
        await self.session.execute(
            text("INSERT INTO prior_fetch_jobs (study_id, prior_study_uid) VALUES (:study_id, :uid)"),
            [{"study_id": study_id, "uid": uid} for uid in prior_uids],
        )

    async def claim(self, now: datetime, limit: int) -> list:
        result = await self.session.execute(_CLAIM, {"now": now, "limit": limit})
        return list(result.mappings())

    async def done(self, job_id: int) -> None:
        await self.session.execute(text("UPDATE prior_fetch_jobs SET status = 'DONE' WHERE id = :id"), {"id": job_id})

    async def failed(self, job_id: int, attempts: int, error: str, now: datetime) -> None:
        status = "FAILED" if attempts >= 5 else "PENDING"
        await self.session.execute(
            text("UPDATE prior_fetch_jobs SET status = :s, last_error = :e, due_at = :due WHERE id = :id"),
            {"s": status, "e": error[:500], "due": now + timedelta(minutes=5 * attempts), "id": job_id},
        )
