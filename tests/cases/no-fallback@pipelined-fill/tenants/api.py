import asyncpg
from fastapi import FastAPI
from redis.asyncio import Redis

from tenants.limits import LimitsService, PlanNames, UsageCounter
from tenants.repository import TenantRepository

app = FastAPI()
redis = Redis.from_url("redis://localhost:6379/0", socket_timeout=2)
repo = TenantRepository(asyncpg.create_pool("postgresql://localhost/tenants"))
limits = LimitsService(redis, repo)
usage = UsageCounter(redis)
plans = PlanNames(redis, repo)


@app.get("/tenants/{tenant_id}/limits")
async def tenant_limits(tenant_id: int) -> dict:
    found = await limits.limits(tenant_id)
    return {"plan": found.plan, "per_minute": found.per_minute}


@app.get("/tenants/{tenant_id}/hits/{minute}")
async def tenant_hits(tenant_id: int, minute: int) -> dict:
    return {"hits": await usage.hits(tenant_id, minute)}


@app.post("/tenants/plans")
async def tenant_plans(tenant_ids: list[int]) -> dict:
    return await plans.many(tenant_ids)
