"""Roaming hub synchronisation: partner tariffs, the daily CDR export, and CDR delivery."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.roaming import RoamingHubClient
from svc.db.repositories.billing import CdrRepository
from svc.errors import CircuitOpenError, RoamingUnavailable
from svc.services.documents import CdrExporter
from svc.utils import timeutil
from svc.utils.resilience import RedisLease

log = logging.getLogger(__name__)


class RoamingSyncWorker:
    """Singleton job: only the replica holding the ``roaming-sync`` lease does the work."""

    def __init__(
        self,
        *,
        redis: Redis,
        hub: RoamingHubClient,
        exporter: CdrExporter,
        interval: float = 300.0,
        page_delay: float = 0.5,
    ) -> None:
        self._redis = redis
        self._hub = hub
        self._exporter = exporter
        self._interval = interval
        self._page_delay = page_delay
        self._lease = RedisLease(redis, "roaming-sync", ttl_ms=int(interval * 2000))

    async def run(self) -> None:
        try:
            while True:
                if await self._lease.ensure():
                    await self.sync_partner_tariffs()
                    await self.export_yesterday()
                await asyncio.sleep(self._interval)
        finally:
            await self._lease.release()

    async def sync_partner_tariffs(self) -> None:
        partners = await self._hub.list_partners()
        for index, partner in enumerate(partners):
            party_id = partner["party_id"]
            tariffs = await self._hub.fetch_tariffs(party_id)
            await self._store_partner_tariffs(party_id, tariffs)
            print(f"roaming sync: stored {len(tariffs)} tariffs for {party_id}")
            self._throttle(index)

    def _throttle(self, index: int) -> None:
        """The hub allows ~20 requests/s per client; pause every tenth partner."""
        if index and index % 10 == 0:
            time.sleep(self._page_delay)

    async def _store_partner_tariffs(self, party_id: str, tariffs: list[dict[str, Any]]) -> None:
        await self._redis.set(f"roaming:tariffs:{party_id}", json.dumps(tariffs), ex=86_400)

    async def export_yesterday(self) -> None:
        day = timeutil.utc_now().date() - timedelta(days=1)
        marker = f"cdr-export:done:{day.isoformat()}"
        if await self._redis.exists(marker):
            return
        key = await self._exporter.export_day(day)
        await self._redis.set(marker, key, ex=7 * 86_400)


class CdrPushWorker:
    """Delivers CDRs of roaming sessions to the hub, oldest first."""

    def __init__(
        self,
        *,
        session_factory: async_sessionmaker[AsyncSession],
        hub: RoamingHubClient,
        batch_size: int = 100,
        idle_sleep: float = 15.0,
    ) -> None:
        self._session_factory = session_factory
        self._hub = hub
        self._batch_size = batch_size
        self._idle_sleep = idle_sleep

    async def run(self) -> None:
        while True:
            try:
                pushed = await self.push_batch()
            except Exception:
                log.exception("CDR push pass failed")
                pushed = 0
            if pushed == 0:
                await asyncio.sleep(self._idle_sleep)

    async def push_batch(self) -> int:
        async with self._session_factory() as db, db.begin():
            repo = CdrRepository(db)
            batch = await repo.list_pending(limit=self._batch_size)
            done: list[int] = []
            for cdr in batch:
                try:
                    await self._hub.push_cdr(cdr.payload)
                except (RoamingUnavailable, CircuitOpenError) as exc:
                    log.warning("CDR %s not delivered, will retry: %s", cdr.id, exc)
                    break
                done.append(cdr.id)
            await repo.mark_pushed(done, timeutil.utcnow())
        return len(done)
