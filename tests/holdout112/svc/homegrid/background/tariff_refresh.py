from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import structlog

from homegrid.container import Container
from homegrid.utils.timeutil import utcnow

log = structlog.get_logger(__name__)

LOCK_KEY = "locks:tariff-refresh"
LOCK_TTL_MS = 10 * 60 * 1000
INTERVAL_SECONDS = 30 * 60

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


async def run_tariff_refresh(container: Container) -> None:
    token = uuid.uuid4().hex
    while True:
        try:
            acquired = await container.redis.set(LOCK_KEY, token, nx=True, px=LOCK_TTL_MS)
            if acquired:
                try:
                    tomorrow = (utcnow() + timedelta(days=1)).date()
                    updated = await container.tariffs.refresh_from_feed(tomorrow)
                    log.info("tariffs_refreshed", day=str(tomorrow), slots=updated)
                finally:
                    await container.redis.eval(_RELEASE, 1, LOCK_KEY, token)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("tariff_refresh_failed")
        await asyncio.sleep(INTERVAL_SECONDS)
