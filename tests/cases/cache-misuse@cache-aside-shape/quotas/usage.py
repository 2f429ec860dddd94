"""Per-tenant usage counters and cached reports (cache-aside vs. read-modify-write state)."""
from __future__ import annotations

import json
from datetime import date

from quotas.store import authorize, report_rows, tier_rows


class UsageService:
    def __init__(self, redis, pool) -> None:
        self.redis = redis
        self.pool = pool

    async def add_usage(self, tenant_id: int, units: int) -> int:
        # a counter read, changed and written back: state, not a cached copy of something else
        key = f"usage:{tenant_id}:{date.today().isoformat()}"
        used = int(await self.redis.get(key) or 0)
        await self.redis.set(key, used + units, ex=86_400)
        return used + units

    async def release(self, tenant_id: int, units: int) -> None:
        key = f"usage:{tenant_id}:{date.today().isoformat()}"
        current = await self.redis.get(key)
        if current is not None:
            await self.redis.set(key, max(int(current) - units, 0), keepttl=True)

    async def report(self, tenant_id: int, month: str, region: str) -> list:
        key = f"usage-report:{tenant_id}:{month}"  # expect: cache-misuse
        cached = await self.redis.get(key)
        if cached is not None:
            return json.loads(cached)
        rows = await report_rows(self.pool, tenant_id, month, region)
        await self.redis.set(key, json.dumps(rows), ex=600)
        return rows

    async def tiers(self, tenant_id: int, api_key: str) -> list:
        # the API key is checked, not an input of the value: it need not be in the key
        await authorize(tenant_id, api_key)
        key = f"tiers:{tenant_id}"
        body = await self.redis.get(key)
        if body is None:
            body = json.dumps(await tier_rows(self.pool, tenant_id))
            await self.redis.set(key, body, ex=300)
        return json.loads(body)


async def plan_limits(cache, pool, plan_id: int, currency: str) -> dict:
    key = "limits:%s" % plan_id  # expect: cache-misuse
    raw = await cache.get_json(key)
    if raw is None:
        raw = await tier_rows(pool, plan_id, currency=currency)
        await cache.set_json(key, raw)
    return raw


async def member_limit(redis, pool, plan_id: int, member_id: int) -> str:
    # the hash field carries the member: the entry is per plan and member
    raw = await redis.hget(f"member-limits:{plan_id}", member_id)
    if raw is None:
        raw = json.dumps(await tier_rows(pool, plan_id, member=member_id))
        await redis.hset(f"member-limits:{plan_id}", member_id, raw)
    return raw


async def region_rates(redis, pool, region: str, currency: str) -> dict:
    key = f"rates:{region}"  # expect: cache-misuse
    raw = await redis.get(key)
    if raw is not None:
        rates = json.loads(raw)
    else:
        rates = await tier_rows(pool, 0, currency=currency)
        await redis.set(key, json.dumps(rates), ex=60)
    return rates
