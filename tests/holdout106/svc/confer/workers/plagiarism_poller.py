"""Polls the plagiarism API for finished checks.

Only one replica polls at a time (Redis lock).  Run with
``python -m confer.workers.plagiarism_poller``.
"""
from __future__ import annotations

import asyncio
import logging

from ..core.container import Container
from ..core.redis import LockNotAcquired, redis_lock
from ..repositories.submissions import SubmissionRepository
from ..services.plagiarism import PlagiarismService
from .runner import run_periodic

log = logging.getLogger(__name__)

PENDING_SQL = """
SELECT s.plagiarism_job_id FROM submissions s JOIN tracks t ON t.id = s.track_id
WHERE t.status = 'reviewing' AND s.status = 'checking'
"""


async def poll(container: Container) -> None:
    try:
        async with redis_lock(container.redis, "plagiarism-poller", ttl_ms=55_000):
            svc = PlagiarismService(
                container.plagiarism, container.storage, SubmissionRepository(container.pool), container.settings
            )
            job_ids = [r["plagiarism_job_id"] for r in await container.pool.fetch(PENDING_SQL)]
            sem = asyncio.Semaphore(container.settings.plagiarism_concurrency)

            async def one(job_id: str) -> bool:
                async with sem:
                    return await svc.refresh(job_id)

            done = await asyncio.gather(*(one(j) for j in job_ids), return_exceptions=True)
            failures = [d for d in done if isinstance(d, Exception)]
            for exc in failures[:5]:
                log.warning("plagiarism refresh failed: %r", exc)
            log.info("plagiarism poll: %d jobs, %d failures", len(job_ids), len(failures))
    except LockNotAcquired:
        log.debug("plagiarism poller lock held elsewhere")


async def main() -> None:
    await run_periodic("plagiarism-poller", poll, interval=60)


if __name__ == "__main__":
    asyncio.run(main())
