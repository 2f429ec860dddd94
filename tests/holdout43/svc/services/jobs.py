"""Job postings: CRUD plus the cached public careers-page listing."""
from __future__ import annotations

import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.db.models import Job, JobStatus
from svc.repositories.jobs import JobRepository, ensure_postings

log = logging.getLogger(__name__)

LISTING_TTL = 120


def _public(job: Job) -> dict:
    return {
        "id": job.id,
        "title": job.title,
        "location": job.location,
        "posted_at": job.created_at.isoformat(),
    }


class JobService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self.session = session
        self.redis = redis
        self.jobs = JobRepository(session)

    async def create(self, company_id: int, **fields) -> Job:
        job = await self.jobs.create(company_id=company_id, **fields)
        await self.session.commit()
        return job

    async def publish(self, company_id: int, job_id: int) -> Job:
        job = await self.jobs.get(job_id, company_id)
        if job is None:
            raise LookupError("job not found")
        await self.jobs.set_status(job.id, JobStatus.open)
        await self.session.commit()
        await ensure_postings(job.id, get_settings().job_boards)
        await self._invalidate(company_id)
        return job

    async def close(self, company_id: int, job_id: int) -> None:
        await self.jobs.set_status(job_id, JobStatus.closed)
        await self.session.commit()
        await self._invalidate(company_id)

    async def _invalidate(self, company_id: int) -> None:
        try:
            await self.redis.delete(f"careers:{company_id}:page:0", f"careers:{company_id}:page:1")
        except RedisError:
            log.warning("could not invalidate careers cache for company %s", company_id)

    async def careers_page(self, company_id: int, page: int = 0) -> list[dict]:
        key = f"careers:page:{page}"
        cached = await self.redis.get(key)
        if cached is not None:
            return json.loads(cached)
        jobs = await self.jobs.list_open(company_id, limit=50, offset=page * 50)
        listing = [_public(j) for j in jobs]
        await self.redis.set(key, json.dumps(listing), ex=LISTING_TTL)
        return listing

    async def internal_summary(self, company_id: int, job_id: int) -> dict:
        key = f"jobsummary:{company_id}:{job_id}"
        try:
            hit = await self.redis.get(key)
        except RedisError:
            hit = None
        if hit:
            return json.loads(hit)
        job = await self.jobs.get(job_id, company_id)
        if job is None:
            raise LookupError("job not found")
        summary = {**_public(job), "status": job.status.value, "counts": await self.jobs.stage_counts(job.id)}
        try:
            await self.redis.set(key, json.dumps(summary), ex=30)
        except RedisError:
            log.warning("job summary cache write failed for %s", job_id)
        return summary
