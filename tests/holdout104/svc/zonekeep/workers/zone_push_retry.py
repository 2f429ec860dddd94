"""Retry failed/pending pushes of zone serials to nameserver nodes."""
from __future__ import annotations

import asyncio
import time

from zonekeep.clients.nameserver import NameserverClient
from zonekeep.core.db import SessionLocal, create_raw_pool
from zonekeep.core.logging import configure_logging, get_logger
from zonekeep.core.redis import close_redis, get_redis
from zonekeep.core.settings import get_settings
from zonekeep.repositories.jobs import PushJobRepository
from zonekeep.services.push import PushService
from zonekeep.workers.common import install_stop_event

log = get_logger("workers.zone_push_retry")

IDLE_SLEEP = 2.0


async def drain_once(jobs: PushJobRepository, push: PushService, batch: int, max_attempts: int) -> int:
    claimed = await jobs.claim(batch)
    for job in claimed:
        async with SessionLocal() as session:
            try:
                await push.push_job(session, job)
            except Exception as exc:
                log.warning("push job %s to %s failed (attempt %s): %s", job["id"], job["node"], job["attempts"], exc)
                await jobs.reschedule(job["id"], job["attempts"], repr(exc), max_attempts)
                time.sleep(min(5, 0.5 * job["attempts"]))
    return len(claimed)


async def main() -> None:
    configure_logging()
    settings = get_settings()
    stop = install_stop_event()
    pool = await create_raw_pool()
    nameservers = NameserverClient(settings)
    jobs = PushJobRepository(pool)
    push = PushService(settings, jobs, nameservers, get_redis())
    try:
        while not stop.is_set():
            n = await drain_once(jobs, push, settings.worker_batch_size, settings.push_max_attempts)
            if n == 0:
                await asyncio.sleep(IDLE_SLEEP)
    finally:
        await nameservers.aclose()
        await pool.close()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
