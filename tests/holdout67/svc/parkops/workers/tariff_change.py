"""Applies scheduled tariff changes (council decisions) at their effective time."""
from __future__ import annotations

import logging
import secrets

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache import TariffCache
from ..models import Tariff
from ..repositories.billing_repo import TariffRepository
from ..services import tariff_service
from ..utils.common import utcnow

log = logging.getLogger(__name__)

LOCK_KEY = "lock:tariff-change"
LOCK_TTL_S = 120


class TariffChangeWorker:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], redis: Redis, cache: TariffCache) -> None:
        self._sessions = sessions
        self._redis = redis
        self._cache = cache

    async def run_once(self) -> int:
        token = secrets.token_hex(8)
        acquired = await self._redis.set(LOCK_KEY, token, nx=True, ex=LOCK_TTL_S)
        if not acquired:
            log.debug("another replica holds the tariff-change lock")
            return 0
        try:
            return await self._apply_due()
        finally:
            if await self._redis.get(LOCK_KEY) == token:
                await self._redis.delete(LOCK_KEY)

    async def _apply_due(self) -> int:
        now = utcnow()
        applied = 0
        async with self._sessions() as db, db.begin():
            repo = TariffRepository(db)
            for change in await repo.due_changes(now):
                current = await repo.current(change.zone_id, now)
                if current is not None:
                    current.effective_to = change.apply_at
                repo.add(
                    Tariff(
                        zone_id=change.zone_id,
                        rate_cents_per_hour=change.new_rate_cents_per_hour,
                        max_minutes=change.new_max_minutes,
                        effective_from=change.apply_at,
                    )
                )
                change.applied = True
                await self._redis.hset("tariffs:current", str(change.zone_id), change.new_rate_cents_per_hour)
                tariff_service.CURRENT_TARIFFS[change.zone_id] = change.new_rate_cents_per_hour
                self._cache.invalidate(change.zone_id)
                applied += 1
        if applied:
            log.info("applied %d tariff changes", applied)
        return applied
