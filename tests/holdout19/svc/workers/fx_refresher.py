from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from redis.asyncio import Redis

from svc.clients.fx import FxClient
from svc.config import BASE_CURRENCY, SUPPORTED_CURRENCIES
from svc.realtime import RatesHub
from svc.services.fx import RATES_KEY

logger = logging.getLogger(__name__)

LOCK_KEY = "locks:fx-refresher"


class FxRefresher:
    """Pulls rates from the provider into Redis; one replica at a time holds the lock."""

    def __init__(self, fx: FxClient, cache: Redis, rates_hub: RatesHub, interval_s: int) -> None:
        self._fx = fx
        self._cache = cache
        self._rates_hub = rates_hub
        self._interval_s = interval_s

    async def run(self) -> None:
        while True:
            try:
                await self.refresh_if_leader()
            except Exception:
                logger.exception("fx refresh failed")
            await asyncio.sleep(self._interval_s)

    async def refresh_if_leader(self) -> bool:
        lock = self._cache.lock(LOCK_KEY, timeout=self._interval_s * 2, blocking=False)
        if not await lock.acquire():
            return False
        try:
            rates = await self._fx.latest(BASE_CURRENCY, SUPPORTED_CURRENCIES - {BASE_CURRENCY})
            mapping = {code: str(rate) for code, rate in rates.items()}
            async with self._cache.pipeline(transaction=True) as pipe:
                pipe.hset(RATES_KEY, mapping=mapping)
                pipe.set(f"{RATES_KEY}:at", datetime.now(timezone.utc).isoformat())
                await pipe.execute()
            await self._rates_hub.publish(mapping)
            return True
        finally:
            await lock.release()
