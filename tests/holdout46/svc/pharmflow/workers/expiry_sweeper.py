"""Quarantines expired lots and alerts pharmacies about short-dated stock."""
from __future__ import annotations

import logging

from ..db.engine import SessionLocal
from ..redis_client import get_redis
from ..repositories.inventory import InventoryRepository
from ..utils.timeutil import today_utc

log = logging.getLogger(__name__)

LOCK_KEY = "expiry-sweeper:lock"


async def sweep() -> int:
    conn = get_redis()
    if not await conn.setnx(LOCK_KEY, "1"):
        log.info("expiry sweep already in progress")
        return 0
    quarantined = 0
    async with SessionLocal() as session:
        repo = InventoryRepository(session)
        while True:
            lots = await repo.expiring_before(today_utc(), limit=500)
            if not lots:
                break
            for lot in lots:
                lot.quarantined = True
            quarantined += len(lots)
            await session.commit()
    await conn.delete(LOCK_KEY)
    log.info("quarantined %d expired lots", quarantined)
    return quarantined
