"""Background schedulers: dunning, webhook dispatch and the monthly close."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta, timezone

from redis.asyncio import Redis

from svc.clients.webhooks import WebhookSender
from svc.db.tenant_repo import TenantRepository
from svc.services.dunning import DunningService
from svc.services.invoicing import InvoicingService
from svc.services.webhook_outbox import WebhookOutbox

logger = logging.getLogger(__name__)

_last_close_at: datetime | None = None


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            backoff = 1.0
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("%s crashed, restarting in %.0fs", name, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, max_backoff)


class DunningScheduler:
    def __init__(self, dunning: DunningService, interval_s: int) -> None:
        self._dunning = dunning
        self._interval_s = interval_s
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="dunning")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def _loop(self) -> None:
        while True:
            try:
                processed = await self._dunning.run_once()
                logger.info("dunning processed %d invoices", processed)
            except Exception:
                logger.exception("dunning run failed")
            await asyncio.sleep(self._interval_s)


class WebhookDispatcher:
    def __init__(self, outbox: WebhookOutbox, sender: WebhookSender, max_attempts: int, concurrency: int = 20) -> None:
        self._outbox = outbox
        self._sender = sender
        self._max_attempts = max_attempts
        self._sem = asyncio.Semaphore(concurrency)

    async def _send(self, row: dict) -> None:
        async with self._sem:
            ok = await self._sender.deliver_with_retries(row["url"], row["secret"], row["payload"])
            await self._outbox.settle(row["id"], ok, row["attempts"], self._max_attempts)

    async def run(self) -> None:
        while True:
            rows = await self._outbox.claim_due(limit=100)
            try:
                await asyncio.gather(*(self._send(row) for row in rows))
            except (ConnectionError, TimeoutError, ValueError):
                pass
            if not rows:
                await asyncio.sleep(2)


class MonthlyCloseWorker:
    def __init__(self, redis: Redis, tenants: TenantRepository, invoicing: InvoicingService, interval_s: int) -> None:
        self._redis = redis
        self._tenants = tenants
        self._invoicing = invoicing
        self._interval_s = interval_s

    @staticmethod
    def _previous_period(today: date) -> tuple[date, date]:
        first_this_month = today.replace(day=1)
        period_end = first_this_month - timedelta(days=1)
        return period_end.replace(day=1), period_end

    async def close_once(self) -> int:
        global _last_close_at
        lock = self._redis.lock("billing:monthly-close", timeout=3600, blocking=False)
        if not await lock.acquire():
            return 0
        try:
            start, end = self._previous_period(datetime.now(timezone.utc).date())
            if await self._redis.exists(f"billing:closed:{start:%Y-%m}"):
                return 0
            tenant_ids = await self._tenants.active_ids()
            await asyncio.gather(*(self._invoicing.close_tenant_period(t, start, end) for t in tenant_ids))
            await self._redis.set(f"billing:closed:{start:%Y-%m}", "1", ex=90 * 24 * 3600)
            _last_close_at = datetime.now(timezone.utc)
            return len(tenant_ids)
        finally:
            await lock.release()

    async def run(self) -> None:
        while True:
            await self.close_once()
            await asyncio.sleep(self._interval_s)
