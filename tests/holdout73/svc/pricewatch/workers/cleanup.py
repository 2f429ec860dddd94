from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import redis.asyncio as redis

from pricewatch.repositories.price_history import PriceHistoryRepository

log = logging.getLogger(__name__)

CLEANUP_LOCK = "lock:history-cleanup"
RUN_EVERY = 3600


async def purge_once(history: PriceHistoryRepository, retention_days: int) -> int:
    cutoff = datetime.now(timezone.utc) - timedelta(days=retention_days)
    total = 0
    while True:
        deleted = await history.delete_older_than(cutoff)
        total += deleted
        if deleted == 0:
            break
        await asyncio.sleep(0.2)
    return total


async def cleanup_loop(history: PriceHistoryRepository, client: redis.Redis, retention_days: int) -> None:
    backoff = 60
    while True:
        try:
            if await client.set(CLEANUP_LOCK, "1", nx=True, ex=RUN_EVERY):
                removed = await purge_once(history, retention_days)
                log.info("history cleanup removed %d rows older than %d days", removed, retention_days)
            backoff = 60
            await asyncio.sleep(RUN_EVERY)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("history cleanup failed; retrying in %ss", backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, RUN_EVERY)
