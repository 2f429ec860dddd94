from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from portops.cache.locks import LockNotAcquired, redis_lock
from portops.cache.redis_client import key
from portops.repositories.gate import GateRepository
from portops.utils.timeutil import utcnow
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=6)


async def reap_once(ctx: WorkerContext) -> int:
    async with ctx.sessionmaker() as session:
        repo = GateRepository(session)
        stale = await repo.stale_open(STALE_AFTER, utcnow())
        for tx in stale:
            tx.status = "EXPIRED"
            tx.finished_at = utcnow()
        await repo.commit()
    return len(stale)


async def run(ctx: WorkerContext) -> None:
    while True:
        try:
            async with redis_lock(ctx.redis, key("lock", "gate-reaper"), ttl_ms=120_000):
                reaped = await reap_once(ctx)
                if reaped:
                    log.warning("expired %d gate transactions left open for more than %s", reaped, STALE_AFTER)
        except LockNotAcquired:
            pass
        await asyncio.sleep(60)
