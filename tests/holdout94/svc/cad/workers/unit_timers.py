from __future__ import annotations

import asyncio
import logging

from ..services.container import Container
from ..utils.redis_helpers import RedisLock

log = logging.getLogger(__name__)

TICK_SECONDS = 5


async def run_forever(container: Container) -> None:
    """Escalates assignments whose acknowledgement deadline has passed."""
    while True:
        async with RedisLock(container.redis, "unit-timers", ttl=TICK_SECONDS * 6).held() as leader:
            if leader:
                try:
                    escalated = await container.escalation.escalate_overdue()
                    if escalated:
                        log.info("escalated %d overdue assignments", escalated)
                except Exception:
                    log.exception("unit timer tick failed")
        await asyncio.sleep(TICK_SECONDS)
