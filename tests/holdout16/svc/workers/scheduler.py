"""Worker supervision and cluster-wide housekeeping."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import httpx
from redis.asyncio import Redis
from redis.exceptions import LockError

from svc.clients.billing import BillingClient, BillingLine

if TYPE_CHECKING:
    from svc.clients.exchange import ExchangeClient
    from svc.db.report_repo import ReportRepository

logger = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keep a worker coroutine running, restarting it whenever it crashes."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed, restarting", name)


class MaintenanceWorker:
    """Cluster-wide housekeeping; only the replica holding the redis lock does the work."""

    LOCK_NAME = "locks:maintenance"

    def __init__(
        self,
        *,
        redis: Redis,
        exchange: ExchangeClient,
        billing: BillingClient,
        reports: ReportRepository,
        interval: float = 60.0,
    ) -> None:
        self._redis = redis
        self._exchange = exchange
        self._billing = billing
        self._reports = reports
        self._interval = interval
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            lock = self._redis.lock(self.LOCK_NAME, timeout=self._interval - 5, blocking_timeout=0)
            acquired = False
            try:
                acquired = await lock.acquire(blocking=False)
                if acquired:
                    await self._tick()
            except Exception:
                logger.exception("maintenance tick failed")
            finally:
                if acquired:
                    with contextlib.suppress(LockError):
                        await lock.release()
            await asyncio.sleep(self._interval)

    async def _tick(self) -> None:
        await self._refresh_deals()
        yesterday = date.today() - timedelta(days=1)
        if not await self._redis.exists(f"billing:uploaded:{yesterday:%Y%m%d}"):
            await self._upload_billing(yesterday)

    async def _refresh_deals(self) -> None:
        seats = await self._reports.seats()
        results = await asyncio.gather(*(self._exchange.fetch_deals(seat) for seat in seats), return_exceptions=True)
        async with self._redis.pipeline(transaction=False) as pipe:
            for seat, deals in zip(seats, results):
                if isinstance(deals, BaseException):
                    logger.warning("deal refresh failed for seat %s: %s", seat, deals)
                    continue
                pipe.set(f"deals:{seat}", json.dumps(deals), ex=3600)
            await pipe.execute()

    async def _upload_billing(self, day: date) -> None:
        rows = await self._reports.billing_lines(day)
        lines = [BillingLine(r["campaign_id"], r["advertiser_id"], r["impressions"], r["spend"]) for r in rows]
        try:
            report_id = await self._billing.upload_daily_report(day, lines)
        except httpx.HTTPError:
            return
        await self._redis.set(f"billing:uploaded:{day:%Y%m%d}", report_id, ex=90 * 86_400)
