"""Recomputes pacing multipliers for all active campaigns once a minute.

Only one replica does the work at a time: the run is guarded by a Redis lock.
"""
from __future__ import annotations

import asyncio
import logging
import time
import uuid

from redis.asyncio import Redis

from adbid.cache.campaign_cache import CampaignCache
from adbid.config import Settings
from adbid.services.budget import BudgetService
from adbid.services.pacing import PacingService
from adbid.utils.timeutil import utcnow

log = logging.getLogger(__name__)

LOCK_KEY = "lock:pacing-worker"
CHUNK = 500

_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class PacingWorker:
    def __init__(self, settings: Settings, redis: Redis, cache: CampaignCache,
                 pacing: PacingService, budget: BudgetService) -> None:
        self._interval = settings.pacing_interval_s
        self._redis = redis
        self._cache = cache
        self._pacing = pacing
        self._budget = budget
        self._release = redis.register_script(_RELEASE)

    async def run_forever(self) -> None:
        token = uuid.uuid4().hex
        while True:
            acquired = await self._redis.set(LOCK_KEY, token, nx=True, px=int(self._interval * 1000))
            if acquired:
                try:
                    await self.run_once()
                finally:
                    await self._release(keys=[LOCK_KEY], args=[token])
            await asyncio.sleep(self._interval)

    async def run_once(self) -> int:
        campaigns = self._cache.all()
        now = utcnow()
        updated = 0
        for start in range(0, len(campaigns), CHUNK):
            chunk = campaigns[start:start + CHUNK]
            spent = await self._budget.spent_today([c.id for c in chunk], now.date())
            await self._pacing.recompute(chunk, spent, now)
            updated += len(chunk)
            time.sleep(0.05)
        exhausted = [c for c in campaigns if self._pacing.compute_multiplier(c, now=now) == 0.0]
        if exhausted:
            log.info("%d campaigns paced to zero", len(exhausted))
        return updated
