from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from ..services.container import Container
from ..utils.redis_helpers import RedisLock
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

INTERVAL = 30
NOTIFY_CONCURRENCY = 8


async def run_once(container: Container) -> int:
    now = utcnow()
    cutoff = now - timedelta(seconds=container.settings.stale_avl_seconds)
    rows = await container.avl_repo.active_units()
    stale = [r for r in rows if r["last_avl_at"] is not None and r["last_avl_at"] > cutoff]
    if not stale:
        return 0
    gate = asyncio.Semaphore(NOTIFY_CONCURRENCY)

    async def notify(row) -> None:
        async with gate:
            await container.mdt_hub.send_to_unit(row["id"], {"type": "avl_stale", "since": row["last_avl_at"].isoformat()})

    await asyncio.gather(*(notify(r) for r in stale))
    available = [r["id"] for r in stale if r["status"] in ("available", "staged")]
    if available:
        async with container.sessionmaker() as session, session.begin():
            from ..repositories import UnitRepository

            changed = await UnitRepository(session).mark_out_of_service(available, now)
        log.warning("%d units marked out of service for stale AVL", changed)
    await container.bus.publish("avl.stale", {"units": [r["callsign"] for r in stale]})
    return len(stale)


async def run_forever(container: Container) -> None:
    lock = RedisLock(container.redis, "stale-avl", ttl=INTERVAL * 2)
    while True:
        if await lock.acquire():
            try:
                await run_once(container)
            except Exception:
                log.exception("stale AVL sweep failed")
            finally:
                await lock.release()
        await asyncio.sleep(INTERVAL)
