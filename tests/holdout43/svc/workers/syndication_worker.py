"""Pushes open jobs to the configured job boards."""
from __future__ import annotations

import asyncio
import logging

from svc.config import get_settings
from svc.db.engine import session_factory
from svc.repositories import jobs as jobs_repo
from svc.observability import SYNDICATION_RESULTS
from svc.services.syndication import BoardPublisher, BoardRejected

log = logging.getLogger(__name__)


class SyndicationWorker:
    def __init__(self, publisher: BoardPublisher) -> None:
        self.publisher = publisher

    async def _publish(self, posting, job) -> None:
        try:
            external_id = await self.publisher.publish(job, posting["board"])
        except BoardRejected as exc:
            SYNDICATION_RESULTS.labels(posting["board"], "rejected").inc()
            await jobs_repo.mark_failed(posting["id"], str(exc))
            return
        await jobs_repo.mark_published(posting["id"], external_id)

    async def tick(self) -> int:
        batch = await jobs_repo.claim_pending(limit=50)
        if not batch:
            return 0
        async with session_factory()() as session:
            jobs = await jobs_repo.JobRepository(session).get_many([p["job_id"] for p in batch])
        for posting in batch:
            job = jobs.get(posting["job_id"])
            if job is None:
                await jobs_repo.mark_failed(posting["id"], "job deleted")
                continue
            asyncio.create_task(self._publish(posting, job))
        return len(batch)

    async def run(self) -> None:
        interval = get_settings().syndication_interval_s
        while True:
            claimed = await self.tick()
            log.info("syndication claimed %d postings", claimed)
            await asyncio.sleep(interval if claimed == 0 else 1)
