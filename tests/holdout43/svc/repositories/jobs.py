from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Application, Job, JobStatus, Stage
from svc.db.pg import connection


class JobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, job_id: int, company_id: int) -> Job | None:
        stmt = select(Job).where(Job.id == job_id, Job.company_id == company_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_open(self, company_id: int, *, limit: int = 50, offset: int = 0) -> Sequence[Job]:
        stmt = (
            select(Job)
            .where(Job.company_id == company_id, Job.status == JobStatus.open)
            .order_by(Job.created_at.desc())
            .limit(limit)
            .offset(offset)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def get_many(self, job_ids: Sequence[int]) -> dict[int, Job]:
        if not job_ids:
            return {}
        rows = (await self.session.execute(select(Job).where(Job.id.in_(job_ids)))).scalars()
        return {job.id: job for job in rows}

    async def create(self, **fields) -> Job:
        job = Job(**fields)
        self.session.add(job)
        await self.session.flush()
        return job

    async def set_status(self, job_id: int, status: JobStatus) -> None:
        await self.session.execute(update(Job).where(Job.id == job_id).values(status=status))

    async def stage_counts(self, job_id: int) -> dict[str, int]:
        stmt = (
            select(Application.stage, func.count())
            .where(Application.job_id == job_id)
            .group_by(Application.stage)
        )
        rows = (await self.session.execute(stmt)).all()
        counts = {s.value: 0 for s in Stage}
        counts.update({stage.value: n for stage, n in rows})
        return counts


async def ensure_postings(job_id: int, boards: list[str]) -> None:
    async with connection() as conn:
        await conn.executemany(
            "INSERT INTO job_postings (job_id, board) VALUES ($1, $2) ON CONFLICT (job_id, board) DO NOTHING",
            [(job_id, b) for b in boards],
        )


async def claim_pending(limit: int = 50) -> list[asyncpg.Record]:
    """Claim a batch of postings for this replica; rows claimed elsewhere are skipped."""
    async with connection() as conn:
        async with conn.transaction():
            return await conn.fetch(
                """
                UPDATE job_postings SET state = 'publishing', updated_at = now()
                WHERE id IN (
                    SELECT id FROM job_postings
                    WHERE state IN ('pending', 'retry') AND attempts < 8
                    ORDER BY updated_at
                    FOR UPDATE SKIP LOCKED
                    LIMIT $1
                )
                RETURNING id, job_id, board, external_id, attempts
                """,
                limit,
            )


async def mark_published(posting_id: int, external_id: str) -> None:
    async with connection() as conn:
        await conn.execute(
            "UPDATE job_postings SET state = 'live', external_id = $2, last_error = NULL, updated_at = now() WHERE id = $1",
            posting_id,
            external_id,
        )


async def mark_failed(posting_id: int, error: str) -> None:
    async with connection() as conn:
        await conn.execute(
            """
            UPDATE job_postings SET state = 'retry', attempts = attempts + 1,
                   last_error = $2, updated_at = now()
            WHERE id = $1
            """,
            posting_id,
            error[:500],
        )


async def live_for_job(job_id: int) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            "SELECT id, board, external_id FROM job_postings WHERE job_id = $1 AND state = 'live'", job_id
        )
