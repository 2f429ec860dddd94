"""Start and stop background workers alongside the API process."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from freightline.config import Settings
from freightline.container import Services
from freightline.workers.compliance_sweep import ComplianceSweepWorker
from freightline.workers.detention_billing import DetentionBillingWorker
from freightline.workers.payout_scheduler import PayoutScheduler
from freightline.workers.tender_expiry import TenderExpiryWorker

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed; restarting", name)


class WorkerRunner:
    def __init__(self, services: Services, settings: Settings) -> None:
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._workers = [
            TenderExpiryWorker(services.redis, services.notifier),
            DetentionBillingWorker(services, settings),
            PayoutScheduler(services),
            ComplianceSweepWorker(services),
        ]
        self._services = services

    def start(self) -> None:
        for worker in self._workers:
            task = asyncio.create_task(worker.run(self._stop), name=f"worker:{worker.name}")
            self._tasks.append(task)
        self._tasks.append(
            asyncio.create_task(supervise("cancellations", self._consume_cancellations), name="cancellations")
        )

    async def _consume_cancellations(self) -> None:
        pubsub = self._services.redis.pubsub()
        await pubsub.subscribe("loads:cancelled")
        try:
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                logger.info("load cancelled event: %s", message["data"])
        finally:
            await pubsub.aclose()

    async def stop(self) -> None:
        self._stop.set()
        for task in self._tasks:
            task.cancel()
        results = await asyncio.gather(*self._tasks, return_exceptions=True)
        for task, result in zip(self._tasks, results):
            if isinstance(result, Exception) and not isinstance(result, asyncio.CancelledError):
                logger.error("worker %s ended with %r", task.get_name(), result)
