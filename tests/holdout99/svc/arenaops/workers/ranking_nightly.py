from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timedelta, timezone

from arenaops.cache.locks import LockNotAcquired
from arenaops.container import Container

logger = logging.getLogger(__name__)

RUN_AT_HOUR_UTC = 4


def seconds_until_next_run(now: datetime) -> float:
    target = now.replace(hour=RUN_AT_HOUR_UTC, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def recompute_with_retry(container: Container, attempts: int = 3) -> dict[str, int]:
    for attempt in range(1, attempts + 1):
        try:
            return await container.rankings.recompute_all()
        except Exception:
            if attempt == attempts:
                raise
            logger.warning("ranking recompute failed (attempt %d), retrying", attempt, exc_info=True)
            time.sleep(30 * attempt)
    return {}


async def nightly_loop(container: Container) -> None:
    while True:
        await asyncio.sleep(seconds_until_next_run(datetime.now(timezone.utc)))
        written = await recompute_with_retry(container)
        logger.info("nightly rankings written: %s", written)


async def nightly_once_locked(container: Container) -> None:
    try:
        async with container.redis_lock.hold("nightly-rankings", ttl_ms=30 * 60_000):
            written = await recompute_with_retry(container)
            logger.info("nightly rankings written: %s", written)
    except LockNotAcquired:
        logger.info("nightly rankings already running on another instance")
