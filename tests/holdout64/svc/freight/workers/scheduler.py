from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import redis.asyncio as aioredis

from ..config import settings
from .compliance_refresh import ComplianceRefreshWorker
from .billing import PayoutPoller
from .billing import InvoiceBatchWorker
from .tender_expiry import TenderExpiryWorker
from .tracking_ingest import EldFeedReader, PingIngestor

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, services, redis: aioredis.Redis) -> None:
        self._services = services
        self._redis = redis
        self._tasks: set[asyncio.Task] = set()
        self.ingest = PingIngestor(services.tracking)
        self.tender_expiry = TenderExpiryWorker(services.sessions, services.notifications)
        self.invoice_batch = InvoiceBatchWorker(services.sessions, services.mailer)
        self.compliance = ComplianceRefreshWorker(services.sessions, services.compliance, services.fmcsa, redis)
        self.payouts = PayoutPoller(services.sessions, services.factoring, services.mailer)
        self.eld_feed = EldFeedReader(settings.eld_feed_host, settings.eld_feed_port, services.tracking)

    def _spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(factory(), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _supervise(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("worker %s crashed; restarting in %.1fs", name, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)

    def start(self) -> None:
        self._spawn("ping-ingest", self.ingest.run_forever)
        self._spawn("tender-expiry", self.tender_expiry.run)
        self._spawn("invoice-batch", lambda: self._supervise("invoice-batch", self.invoice_batch.run))
        self._spawn("compliance-refresh", lambda: self._supervise("compliance-refresh", self.compliance.run))
        self._spawn("payout-poller", lambda: self._supervise("payout-poller", self.payouts.run))
        self._spawn("eld-feed", lambda: self._supervise("eld-feed", self.eld_feed.run))

    async def stop(self) -> None:
        self.tender_expiry.stop()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
