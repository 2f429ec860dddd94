from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.search import SearchClient
from ..errors import Forbidden, NotFound, SearchUnavailable
from ..models import Job
from ..repositories.jobs_repo import JobsRepository
from ..utils.cache import JsonCache
from ..utils.pagination import Cursor, encode_cursor

logger = logging.getLogger(__name__)


def job_to_dict(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "client_id": job.client_id,
        "title": job.title,
        "description": job.description,
        "category": job.category,
        "budget_min": str(job.budget_min),
        "budget_max": str(job.budget_max),
        "currency": job.currency,
        "status": job.status,
        "created_at": job.created_at.isoformat() if job.created_at else None,
    }


class JobService:
    def __init__(self, session: AsyncSession, search: SearchClient, cache: JsonCache) -> None:
        self.session = session
        self.repo = JobsRepository(session)
        self.search = search
        self.cache = cache

    async def post_job(self, client_id: int, role: str, payload: dict[str, Any]) -> dict[str, Any]:
        if role != "client":
            raise Forbidden("only clients can post jobs")
        if Decimal(payload["budget_min"]) > Decimal(payload["budget_max"]):
            raise ValueError("budget_min exceeds budget_max")
        job = await self.repo.create(client_id=client_id, **payload)
        await self.session.commit()
        data = job_to_dict(job)
        await self.search.index_job(data)
        return data

    async def detail(self, job_id: int) -> dict[str, Any]:
        cached = await self.cache.get(f"job:{job_id}")
        if cached is not None:
            return cached
        job = await self.repo.get(job_id)
        if job is None:
            raise NotFound("job")
        data = job_to_dict(job)
        await self.cache.set(f"job:{job_id}", data)
        return data

    async def close(self, job_id: int, client_id: int) -> None:
        job = await self.repo.get(job_id)
        if job is None or job.client_id != client_id:
            raise NotFound("job")
        job.status = "closed"
        await self.session.commit()
        await self.cache.delete(f"job:{job_id}")
        await self.search.delete_job(job_id)

    async def search_jobs(self, text: str, category: str | None, page: int) -> list[dict[str, Any]]:
        try:
            hits = await self.search.search_jobs(text, category, size=20, offset=page * 20)
        except SearchUnavailable:
            logger.warning("search engine unavailable, falling back to database search")
            return [job_to_dict(j) for j in await self.repo.search_fallback(text)]
        results = []
        for hit in hits:
            job = await self.repo.get(hit["id"])
            if job is not None and job.status == "open":
                results.append(job_to_dict(job))
        return results

    async def browse(self, cursor: Cursor | None) -> dict[str, Any]:
        jobs = await self.repo.list_open(cursor)
        next_cursor = None
        if jobs:
            last = jobs[-1]
            next_cursor = encode_cursor(Cursor(last_id=last.id, last_created=last.created_at.isoformat()))
        return {"items": [job_to_dict(j) for j in jobs], "next": next_cursor}

    async def featured(self) -> list[dict[str, Any]]:
        return [job_to_dict(j) for j in await self.repo.featured()]
