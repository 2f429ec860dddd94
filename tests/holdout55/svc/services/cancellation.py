"""Cancelling builds and jobs, wherever their runner happens to be connected."""
from __future__ import annotations

import json
import logging

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.repositories.builds import BuildRepository
from svc.repositories.jobs import TERMINAL, JobRepository
from svc.redis_client import CANCEL_CHANNEL

logger = logging.getLogger(__name__)


class CancellationService:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def cancel_build(self, session: AsyncSession, build_id: int, requested_by: str) -> list[int]:
        jobs_repo = JobRepository(session)
        jobs = await jobs_repo.list_for_build(build_id)
        to_cancel = [j for j in jobs if j.status not in TERMINAL]
        for job in to_cancel:
            await jobs_repo.mark_cancelled(job.id)
        await BuildRepository(session).set_status(build_id, "cancelled")
        await session.commit()
        running = [j for j in to_cancel if j.runner_id is not None]
        if running:
            message = json.dumps({"jobs": [[j.id, j.runner_id] for j in running], "by": requested_by})
            await self._redis.publish(CANCEL_CHANNEL, message)
        logger.info("build %s cancelled by %s (%d jobs)", build_id, requested_by, len(to_cancel))
        return [j.id for j in to_cancel]

    async def cancel_job(self, session: AsyncSession, job_id: int, requested_by: str) -> bool:
        jobs_repo = JobRepository(session)
        job = await jobs_repo.get(job_id)
        if job is None or job.status in TERMINAL:
            return False
        await jobs_repo.mark_canceled(job_id)
        await session.commit()
        if job.runner_id is not None:
            await self._redis.publish(CANCEL_CHANNEL, json.dumps({"jobs": [[job.id, job.runner_id]], "by": requested_by}))
        return True
