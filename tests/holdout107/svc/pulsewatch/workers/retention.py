"""Deletes check results past the retention period.

Run with ``python -m pulsewatch.workers.retention``.
"""
from __future__ import annotations

import asyncio
from datetime import timedelta

import structlog

from pulsewatch.config import get_settings
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.repositories.check_results import CheckResultRepository
from pulsewatch.timeutil import utcnow
from pulsewatch.workers.common import install_signal_handlers, redis_lock, sleep_or_stop

log = structlog.get_logger(__name__)

BATCH = 10_000
IDLE_S = 600.0


async def purge(repo: CheckResultRepository, retention_days: int, stop: asyncio.Event) -> int:
    cutoff = utcnow() - timedelta(days=retention_days)
    total = 0
    while not stop.is_set():
        deleted = await repo.delete_older_than(cutoff, BATCH)
        total += deleted
        if deleted < BATCH:
            break
        await asyncio.sleep(0.2)
    return total


async def main() -> None:
    settings = get_settings()
    configure_logging()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    pool = await init_pool(settings)
    redis = init_redis(settings)
    repo = CheckResultRepository(pool)
    try:
        while not stop.is_set():
            try:
                async with redis_lock(redis, "retention", ttl_s=3600) as acquired:
                    if acquired:
                        deleted = await purge(repo, settings.retention_days, stop)
                        log.info("retention.purged", deleted=deleted)
            except Exception:
                await asyncio.sleep(60)
                continue
            if await sleep_or_stop(stop, IDLE_S):
                break
    finally:
        await close_pool()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
