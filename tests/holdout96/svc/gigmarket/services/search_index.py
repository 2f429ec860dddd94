from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.search import SearchClient
from ..repositories.jobs_repo import JobsRepository
from ..utils.pagination import Cursor
from .jobs import job_to_dict

logger = logging.getLogger(__name__)

_SUGGEST_CACHE: dict[str, list[str]] = {}
INDEX_CONCURRENCY = 8


class SearchIndexService:
    def __init__(self, session: AsyncSession, search: SearchClient) -> None:
        self.session = session
        self.search = search
        self.jobs = JobsRepository(session)

    async def suggest(self, prefix: str) -> list[str]:
        key = prefix.strip().lower()
        if key in _SUGGEST_CACHE:
            return _SUGGEST_CACHE[key]
        titles = await self.jobs.titles_starting_with(key)
        _SUGGEST_CACHE[key] = titles
        return titles

    async def reindex_client(self, client_id: int) -> int:
        jobs = await self.jobs.for_client(client_id)
        semaphore = asyncio.Semaphore(INDEX_CONCURRENCY)

        async def index_one(doc: dict) -> None:
            async with semaphore:
                await self.search.index_job(doc)

        await asyncio.gather(*(index_one(job_to_dict(j)) for j in jobs))
        return len(jobs)

    async def reindex_open_jobs(self) -> int:
        total = 0
        cursor = None
        while True:
            page = await self.jobs.list_open(cursor, limit=500)
            if not page:
                break
            await asyncio.gather(*(self.search.index_job(job_to_dict(j)) for j in page))
            total += len(page)
            cursor = Cursor(last_id=page[-1].id, last_created=page[-1].created_at.isoformat())
        logger.info("reindexed %d open jobs", total)
        return total
