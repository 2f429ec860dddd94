from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.errors import NotFound
from ..db.models import Plan
from ..repositories.tenants import PlanRepository, TenantRepository

logger = logging.getLogger(__name__)

LIMITS_TTL_S = 300


@dataclass(frozen=True)
class TenantLimits:
    plan_id: str
    rate_limit_per_min: int
    max_keys: int
    included_requests: int
    daily_cap: int


def _from_hash(row: dict[bytes, bytes]) -> TenantLimits:
    return TenantLimits(
        plan_id=row[b"plan_id"].decode(),
        rate_limit_per_min=int(row[b"rate_limit_per_min"]),
        max_keys=int(row[b"max_keys"]),
        included_requests=int(row[b"included_requests"]),
        daily_cap=int(row[b"daily_cap"]),
    )


def _limits_for(plan: Plan) -> TenantLimits:
    # free plans get a hard daily cap of twice the average daily allowance
    daily_cap = plan.included_requests // 30 * 2 if plan.monthly_fee_cents == 0 else 0
    return TenantLimits(plan.id, plan.rate_limit_per_min, plan.max_keys, plan.included_requests, daily_cap)


class TenantService:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def limits(self, session: AsyncSession, tenant_id: uuid.UUID) -> TenantLimits:
        key = f"limits:{tenant_id}"
        cached = await self._redis.hgetall(key)
        if cached:
            return _from_hash(cached)
        limits = await self._load(session, tenant_id)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping={
                "plan_id": limits.plan_id,
                "rate_limit_per_min": limits.rate_limit_per_min,
                "max_keys": limits.max_keys,
                "included_requests": limits.included_requests,
                "daily_cap": limits.daily_cap,
            })
            pipe.expire(key, LIMITS_TTL_S)
            await pipe.execute()
        return limits

    async def limits_many(self, session: AsyncSession, tenant_ids: list[uuid.UUID]) -> dict[uuid.UUID, TenantLimits]:
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for tenant_id in tenant_ids:
                    pipe.hgetall(f"limits:{tenant_id}")
                cached_rows = await pipe.execute()
        except RedisError:
            logger.warning("limits cache unavailable, reading %d tenants from the database", len(tenant_ids))
            cached_rows = [None] * len(tenant_ids)
        result: dict[uuid.UUID, TenantLimits] = {}
        missing: list[uuid.UUID] = []
        for tenant_id, row in zip(tenant_ids, cached_rows):
            if row:
                result[tenant_id] = _from_hash(row)
            else:
                missing.append(tenant_id)
        if missing:
            tenants = await TenantRepository(session).get_many(missing)
            plans = {p.id: p for p in await PlanRepository(session).all()}
            for tenant_id in missing:
                tenant = tenants.get(tenant_id)
                if tenant is not None:
                    result[tenant_id] = _limits_for(plans[tenant.plan_id])
        return result

    async def _load(self, session: AsyncSession, tenant_id: uuid.UUID) -> TenantLimits:
        tenant = await TenantRepository(session).get_with_plan(tenant_id)
        if tenant is None:
            raise NotFound("tenant not found")
        return _limits_for(tenant.plan)

    async def invalidate(self, tenant_id: uuid.UUID) -> None:
        await self._redis.delete(f"limits:{tenant_id}")
