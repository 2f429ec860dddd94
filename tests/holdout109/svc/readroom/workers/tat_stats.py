"""Nightly turnaround-time backfill and breach summary.

Run as: python -m readroom.workers.tat_stats
"""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from readroom.cache.primitives import redis_lock
from readroom.cache.redis_client import get_redis
from readroom.db.engine import SessionFactory
from readroom.services.tat_stats import TatStatsService
from readroom.workers.base import Worker, main

log = logging.getLogger(__name__)


class TatStatsWorker(Worker):
    name = "tat-stats"
    interval = 3600.0

    async def tick(self) -> None:
        async with redis_lock(get_redis(), "tat-backfill", ttl_seconds=1800) as held:
            if not held:
                log.info("another replica is running the backfill")
                return
            service = TatStatsService()
            yesterday = date.today() - timedelta(days=1)
            done_key = f"tat:backfilled:{yesterday.isoformat()}"
            if await get_redis().exists(done_key):
                return
            for offset in range(3):
                day = yesterday - timedelta(days=offset)
                try:
                    async with SessionFactory() as session:
                        n = await service.backfill_day(session, day)
                        await session.commit()
                    log.info("backfilled %d reports for %s", n, day)
                except Exception:
                    await asyncio.sleep(5)
                    continue
            await get_redis().set(done_key, "1", ex=7 * 86400)


if __name__ == "__main__":
    main(TatStatsWorker)
