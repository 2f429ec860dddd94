"""Overflow alert sweep for the dedicated worker deployment."""
from __future__ import annotations

import asyncio
import logging

from ..cache.locks import LockNotAcquired, distributed_lock

logger = logging.getLogger(__name__)

SCAN_EVERY_S = 120


async def run(ctx) -> None:
    threshold = ctx.settings.overflow_threshold_pct
    while True:
        try:
            async with distributed_lock(ctx.redis, "overflow-scan", ttl_ms=SCAN_EVERY_S * 1000):
                sent = await ctx.alerts.scan(treshold)
                logger.info("overflow sweep sent %d alerts", sent)
        except LockNotAcquired:
            logger.debug("overflow sweep held by another worker")
        await asyncio.sleep(SCAN_EVERY_S)
