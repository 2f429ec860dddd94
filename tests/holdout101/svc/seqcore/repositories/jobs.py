from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from seqcore.db.models import PipelineJob

ACTIVE_STATES = ("submitted", "running")


class JobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, run_id: uuid.UUID, pipeline: str, params: dict) -> PipelineJob:
        job = PipelineJob(run_id=run_id, pipeline=pipeline, params=params, status="queued")
        self._session.add(job)
        await self._session.flush()
        return job

    async def get(self, job_id: uuid.UUID) -> PipelineJob | None:
        return await self._session.get(PipelineJob, job_id)

    async def by_scheduler_id(self, scheduler_job_id: str) -> PipelineJob | None:
        stmt = select(PipelineJob).where(PipelineJob.scheduler_job_id == scheduler_job_id)
        return (await self._session.scalars(stmt)).one_or_none()

    async def list_for_run(self, run_id: uuid.UUID) -> list[PipelineJob]:
        return list(await self._session.scalars(select(PipelineJob).where(PipelineJob.run_id == run_id)))

    async def list_active(self, limit: int = 500) -> list[PipelineJob]:
        stmt = select(PipelineJob).where(PipelineJob.status.in_(ACTIVE_STATES)).limit(limit)
        return list(await self._session.scalars(stmt))

    async def claim_queued(self, limit: int = 20) -> list[PipelineJob]:
        stmt = (
            select(PipelineJob)
            .where(PipelineJob.status == "queued")
            .order_by(PipelineJob.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(await self._session.scalars(stmt))

    async def mark_submitted(self, job: PipelineJob, scheduler_job_id: str, at: datetime) -> None:
        job.scheduler_job_id = scheduler_job_id
        job.status = "submitted"
        job.submitted_at = at
        job.attempts += 1
        await self._session.flush()

    async def set_status(self, job_id: uuid.UUID, status: str, finished_at: datetime | None = None) -> None:
        await self._session.execute(
            update(PipelineJob).where(PipelineJob.id == job_id).values(status=status, finished_at=finished_at)
        )
