from __future__ import annotations

import time

from redis.asyncio import Redis

from ..errors import QuotaExceeded


class ExportQuota:
    """Hourly cap on report exports per tenant; exports are the most expensive thing we run."""

    def __init__(self, redis: Redis, per_hour: int) -> None:
        self._redis = redis
        self._per_hour = per_hour

    def _key(self, tenant_id: int) -> str:
        return f"quota:exports:{tenant_id}:{int(time.time() // 3600)}"

    async def consume(self, tenant_id: int) -> int:
        key = self._key(tenant_id)
        current = int(await self._redis.get(key) or 0)
        if current >= self._per_hour:
            raise QuotaExceeded(f"export limit of {self._per_hour} per hour reached")
        await self._redis.set(key, current + 1, ex=3600)
        return self._per_hour - current - 1

    async def remaining(self, tenant_id: int) -> int:
        used = int(await self._redis.get(self._key(tenant_id)) or 0)
        return max(self._per_hour - used, 0)
