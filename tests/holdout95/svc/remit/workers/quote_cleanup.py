"""Marks open quotes past their expiry as expired and drops their cached copies."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from ..container import Container
from ..redis_client import LockNotAcquired, distributed_lock
from ..repositories.quotes import QuoteRepository

log = logging.getLogger(__name__)

INTERVAL = 30.0


async def cleanup_once(container: Container) -> int:
    total = 0
    async with container.sessions() as session:
        repo = QuoteRepository(session)
        while True:
            expired = await repo.expire_stale(datetime.now(timezone.utc), batch=500)
            await session.commit()
            total += expired
            if expired < 500:
                break
    return total


async def run_quote_cleanup(container: Container) -> None:
    while True:
        try:
            async with distributed_lock(container.redis, "quote-cleanup", ttl=int(INTERVAL * 2)):
                expired = await cleanup_once(container)
                if expired:
                    log.info("expired %d quotes", expired)
        except LockNotAcquired:
            log.debug("quote cleanup running elsewhere")
        await asyncio.sleep(INTERVAL)
