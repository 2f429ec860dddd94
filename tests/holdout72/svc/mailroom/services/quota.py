"""Per-tenant hourly sending quota, kept in redis so every worker agrees."""
from __future__ import annotations

import logging
import uuid

import redis.asyncio as aioredis

from mailroom.metrics import QUOTA_REJECTIONS
from mailroom.utils.timeutil import hour_window_key, seconds_until_next_hour

log = logging.getLogger(__name__)

_CONSUME_LUA = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local want = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
if used + want > limit then
  return -1
end
local now = redis.call('INCRBY', KEYS[1], want)
if now == want then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return now
"""


class QuotaExceeded(Exception):
    def __init__(self, tenant_id: uuid.UUID, requested: int, remaining: int) -> None:
        super().__init__(f"tenant {tenant_id} quota exceeded: wanted {requested}, {remaining} left")
        self.remaining = remaining


class QuotaService:
    def __init__(self, redis: aioredis.Redis) -> None:
        self.redis = redis
        self._consume = redis.register_script(_CONSUME_LUA)

    @staticmethod
    def _key(tenant_id: uuid.UUID) -> str:
        return f"quota:{tenant_id}:{hour_window_key()}"

    async def used(self, tenant_id: uuid.UUID) -> int:
        raw = await self.redis.get(self._key(tenant_id))
        return int(raw or 0)

    async def consume(self, tenant_id: uuid.UUID, n: int, limit: int) -> int:
        """Atomically reserve ``n`` sends; raises QuotaExceeded if it would pass ``limit``."""
        result = await self._consume(keys=[self._key(tenant_id)], args=[n, limit, seconds_until_next_hour()])
        if result == -1:
            QUOTA_REJECTIONS.labels(tenant=str(tenant_id)).inc()
            raise QuotaExceeded(tenant_id, n, max(0, limit - await self.used(tenant_id)))
        return int(result)

    async def reserve_batch(self, tenant_id: uuid.UUID, n: int, limit: int) -> int:
        """Reserve up to ``n`` sends for a worker batch, returning how many were granted."""
        key = self._key(tenant_id)
        used = int(await self.redis.get(key) or 0)
        granted = min(n, limit - used)
        if granted <= 0:
            QUOTA_REJECTIONS.labels(tenant=str(tenant_id)).inc()
            return 0
        await self.redis.incrby(key, granted)
        self.redis.expire(key, seconds_until_next_hour())
        return granted

    async def release(self, tenant_id: uuid.UUID, n: int) -> None:
        if n > 0:
            await self.redis.decrby(self._key(tenant_id), n)
