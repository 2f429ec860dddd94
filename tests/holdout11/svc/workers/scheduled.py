"""Leader-elected cycle-count scheduling and the end-of-day carrier manifest."""
from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time, timedelta

import httpx
from redis.asyncio import Redis

from svc.clients.carrier import CarrierClient
from svc.db.inventory_repo import InventoryRepository
from svc.db.orders_repo import OrderRepository

logger = logging.getLogger(__name__)

COUNT_EVERY = timedelta(days=30)
COUNTS_PER_PASS = 200
MANIFEST_CUTOFF = time(hour=17, minute=30)


class CycleCountScheduler:
    """Schedules counts for bins not counted in the last month; one replica at a time holds the lock."""

    LOCK_NAME = "wms:leader:cycle-count"

    def __init__(self, repo: InventoryRepository, redis: Redis, interval_s: float) -> None:
        self._repo = repo
        self._redis = redis
        self._interval = interval_s

    async def run(self) -> None:
        while True:
            try:
                await self._tick()
            except Exception:
                logger.exception("cycle-count scheduling pass failed")
            await asyncio.sleep(self._interval)

    async def _tick(self) -> None:
        lock = self._redis.lock(self.LOCK_NAME, timeout=self._interval * 2, blocking=False)
        if not await lock.acquire():
            return
        try:
            now = datetime.now(UTC)
            due = await self._repo.bins_due_for_count(now - COUNT_EVERY, limit=COUNTS_PER_PASS)
            if due:
                scheduled = await self._repo.schedule_counts([row["id"] for row in due], now)
                logger.info("scheduled %d cycle counts over %d bins", scheduled, len(due))
        finally:
            await lock.release()


class ManifestCloser:
    """Closes the day's manifest with each carrier at the trailer cut-off."""

    def __init__(self, carrier: CarrierClient, orders: OrderRepository, carrier_ids: list[str]) -> None:
        self._carrier = carrier
        self._orders = orders
        self._carrier_ids = carrier_ids

    @staticmethod
    def seconds_until_cutoff(now: datetime | None = None) -> float:
        now = now or datetime.now(UTC)
        cutoff = datetime.combine(now.date(), MANIFEST_CUTOFF, tzinfo=UTC)
        if cutoff <= now:
            cutoff += timedelta(days=1)
        return (cutoff - now).total_seconds()

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.seconds_until_cutoff())
            try:
                await self.close_day()
            except Exception:
                logger.exception("end-of-day manifest run failed")

    async def close_day(self) -> None:
        for carrier_id in self._carrier_ids:
            shipments = await self._orders.unmanifested(carrier_id)
            if not shipments:
                continue
            try:
                manifest = await self._carrier.close_manifest(carrier_id, [row["label_id"] for row in shipments])
            except httpx.HTTPError:
                continue
            await self._orders.mark_manifested([row["id"] for row in shipments], manifest["manifest_id"])
            logger.info("manifest %s closed with %d parcels", manifest["manifest_id"], len(shipments))
