from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from seqcore.clients.scheduler import TERMINAL_STATES, SchedulerClient
from seqcore.db.engine import build_engine, build_sessionmaker
from seqcore.infra.cache import build_redis, publish_log_line
from seqcore.infra.locks import LockNotAcquired, redis_lock
from seqcore.repositories.jobs import JobRepository
from seqcore.services.audit import AuditLog
from seqcore.services.pipelines import PipelineService
from seqcore.settings import Settings

logger = logging.getLogger(__name__)

LEADER_LOCK = "scheduler-poller"
MAX_BACKOFF_S = 300.0


async def poll_once(sessionmaker: async_sessionmaker[AsyncSession], scheduler: SchedulerClient,
                    redis: aioredis.Redis, partition: str) -> int:
    async with sessionmaker() as session:
        jobs = JobRepository(session)
        active = await jobs.list_active()
        ids = [j.scheduler_job_id for j in active if j.scheduler_job_id]
        if not ids:
            return 0
        statuses = await scheduler.job_statuses(ids)
        service = PipelineService(jobs, scheduler, AuditLog(redis), partition)
        changed = 0
        for job in active:
            state = statuses.get(job.scheduler_job_id or "", {}).get("state")
            if state is None:
                continue
            if state in TERMINAL_STATES:
                await service.on_job_finished(job, state)
                changed += 1
            elif state == "RUNNING" and job.status != "running":
                await jobs.set_status(job.id, "running")
                changed += 1
            await publish_log_line(redis, str(job.id), f"[scheduler] state={state}")
        await session.commit()
        return changed


async def run(settings: Settings) -> None:
    engine = build_engine(settings)
    sessionmaker = build_sessionmaker(engine)
    redis = build_redis(settings.redis_url)
    scheduler = SchedulerClient(settings)
    backoff = settings.poll_interval_s
    try:
        while True:
            try:
                async with redis_lock(redis, LEADER_LOCK, ttl_ms=int(settings.poll_interval_s * 4000)):
                    changed = await poll_once(sessionmaker, scheduler, redis, settings.scheduler_partition)
                logger.info("poll: %d jobs changed", changed)
                backoff = settings.poll_interval_s
            except LockNotAcquired:
                logger.debug("another poller holds %s", LEADER_LOCK)
            except Exception:
                logger.exception("scheduler poll failed; retrying in %.0fs", backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
            await asyncio.sleep(backoff)
    finally:
        await scheduler.aclose()
        await redis.aclose()
        await engine.dispose()
