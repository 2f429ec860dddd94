"""Tenant limits, cached in Redis hashes in front of the database."""
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from tenants.repository import TenantRepository

logger = logging.getLogger(__name__)

LIMITS_TTL_S = 300


@dataclass(frozen=True)
class Limits:
    plan: str
    per_minute: int


def _from_hash(row: dict[bytes, bytes]) -> Limits:
    return Limits(row[b"plan"].decode(), int(row[b"per_minute"]))


class LimitsService:
    def __init__(self, redis: Redis, repo: TenantRepository) -> None:
        self._redis = redis
        self._repo = repo

    async def limits(self, tenant_id: int) -> Limits:
        key = f"limits:{tenant_id}"
        cached = await self._redis.hgetall(key)  # expect: no-fallback
        if cached:
            return _from_hash(cached)
        limits = await self._repo.load_limits(tenant_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={"plan": limits.plan, "per_minute": limits.per_minute})
            pipe.expire(key, LIMITS_TTL_S)
            await pipe.execute()
        return limits


class UsageCounter:
    """Counts requests per tenant and minute: Redis is where the count lives, there is no source to reload."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def hits(self, tenant_id: int, minute: int) -> int:
        key = f"hits:{tenant_id}:{minute}"
        current = await self._redis.hgetall(key)
        if not current:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.hset(key, mapping={"count": 0})
                pipe.expire(key, 120)
                await pipe.execute()
            return 0
        return int(current[b"count"])


class PlanNames:
    def __init__(self, redis: Redis, repo: TenantRepository) -> None:
        self._redis = redis
        self._repo = repo

    async def many(self, tenant_ids: list[int]) -> dict[int, str]:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for tenant_id in tenant_ids:
                    pipe.hget(f"limits:{tenant_id}", "plan")
                rows = await pipe.execute()
        except RedisError:
            logger.warning("limits cache unavailable, reading %d tenants from the database", len(tenant_ids))
            rows = [None] * len(tenant_ids)
        out = {}
        for tenant_id, plan in zip(tenant_ids, rows):
            out[tenant_id] = plan.decode() if plan else (await self._repo.load_limits(tenant_id)).plan
        return out
