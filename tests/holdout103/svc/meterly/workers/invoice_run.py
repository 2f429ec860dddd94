from __future__ import annotations

import asyncio
import logging

from ..container import Container
from ..core.timeutil import previous_month, utcnow
from . import sleep_or_stop

logger = logging.getLogger(__name__)

CHECK_INTERVAL_S = 600


async def _already_ran(container: Container, period_key: str) -> bool:
    return bool(await container.redis.exists(f"invoice-run:done:{period_key}"))


async def run(container: Container, stop: asyncio.Event) -> None:
    """Bills the previous month once it has closed (runs from the 1st, 02:00 UTC)."""
    while not stop.is_set():
        now = utcnow()
        if now.day == 1 and now.hour >= 2:
            start, end = previous_month(now)
            period_key = start.strftime("%Y-%m")
            if not await _already_ran(container, period_key):
                logger.info("starting invoice run for %s", period_key)
                result = await container.billing.run_invoice_cycle(start, end)
                await container.redis.set(f"invoice-run:done:{period_key}", result.invoiced, ex=40 * 86400)
        if await sleep_or_stop(stop, CHECK_INTERVAL_S):
            break
