"""In-process periodic jobs started from the app lifespan."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import redis.asyncio as redis

from svc.clients.maps import Geocoder
from svc.clients.payments import PaymentGateway
from svc.clients.maps import RoutingClient
from svc.db.engine import SessionLocal
from svc.db.pg import connection
from svc.services.notification_service import Notifier
from svc.services.order_service import OrderService
from svc.services.pricing import PricingService

logger = logging.getLogger(__name__)


class Scheduler:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def every(self, seconds: float, job: Callable[[], Awaitable[object]], name: str) -> None:
        async def loop() -> None:
            while True:
                try:
                    await job()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    logger.exception("scheduled job %s failed", name)
                await asyncio.sleep(seconds)

        task = asyncio.create_task(loop(), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def auto_cancel_stale_orders(
    client: redis.Redis,
    payments: PaymentGateway,
    geocoder: Geocoder,
    routing: RoutingClient,
    notifier: Notifier,
) -> int:
    async with SessionLocal() as session:
        service = OrderService(session, client, payments, geocoder, PricingService(routing), notifier)
        cancelled = await service.expire_stale()
    if cancelled:
        logger.info("auto-cancelled %d stale orders", cancelled)
    return cancelled


async def mark_silent_couriers_offline(silent_after_s: int = 300) -> int:
    async with connection() as conn:
        result = await conn.execute(
            "UPDATE couriers SET status = 'offline' "
            "WHERE status = 'idle' AND last_seen < now() - make_interval(secs => $1)",
            silent_after_s,
        )
    count = int(result.split()[-1])
    if count:
        logger.info("marked %d silent couriers offline", count)
    return count
