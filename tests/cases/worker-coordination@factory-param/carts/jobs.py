"""Periodic jobs; each gets a factory so it builds a fresh service per round."""
import asyncio
import logging
from collections.abc import Callable

from carts.services import CartService, ReportService

log = logging.getLogger(__name__)


async def expire_carts(make_service: Callable[[], CartService], interval: float) -> None:
    while True:
        try:
            service = make_service()
            removed = await service.expire_abandoned()  # expect: worker-coordination
            log.info("expired %d carts", removed)
        except Exception:
            log.exception("cart expiry failed")
        await asyncio.sleep(interval)


async def daily_reports(make_service: Callable[[], ReportService], interval: float) -> None:
    while True:
        try:
            service = make_service()
            await service.refresh_daily()
        except Exception:
            log.exception("daily report failed")
        await asyncio.sleep(interval)
