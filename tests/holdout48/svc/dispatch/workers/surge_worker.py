from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis

from dispatch.services.notifications import Notifier
from dispatch.services.surge import SurgeService
from dispatch.services.locks import lease

logger = logging.getLogger(__name__)

HOT_MULTIPLIER = 2.0


class SurgeWorker:
    def __init__(self, redis: Redis, surge: SurgeService, notifier: Notifier, cities: list[str], interval: int) -> None:
        self._redis = redis
        self._surge = surge
        self._notifier = notifier
        self._cities = cities
        self._interval = interval

    async def run(self) -> None:
        while True:
            await self._tick()
            await asyncio.sleep(self._interval)

    async def _tick(self) -> None:
        for city in self._cities:
            async with lease(self._redis, f"surge:{city}", ttl_ms=self._interval * 1000) as leader:
                if not leader:
                    continue
                multipliers = await self._surge.compute_city(city)
                await self._surge.publish(city, multipliers)
                hot = {z: m for z, m in multipliers.items() if m >= HOT_MULTIPLIER}
                if hot:
                    logger.info("surge in %s: %s", city, hot)
                    await self._alert_idle_drivers(city, hot)

    async def _alert_idle_drivers(self, city: str, hot: dict[str, float]) -> None:
        tokens = await self._redis.smembers(f"drivers:idle-tokens:{city}")
        for zone_id, multiplier in hot.items():
            await self._notifier.surge_alert(list(tokens), zone_id, multiplier)
