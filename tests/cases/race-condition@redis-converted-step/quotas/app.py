from fastapi import FastAPI
from redis.asyncio import Redis

from quotas.usage import UsageMeter

app = FastAPI()
cache = Redis.from_url("redis://cache:6379/1", socket_timeout=2.0)
meter = UsageMeter(cache)


@app.post("/tenants/{tenant}/exports")
async def start_export(tenant: str) -> dict[str, int]:
    return {"today": await meter.count_export(tenant)}


@app.delete("/tenants/{tenant}/seats/{seat}")
async def free_seat(tenant: str, seat: str) -> dict[str, str]:
    await meter.release_seat(tenant)
    await meter.remember_seat(tenant, seat)
    return {"status": "freed"}


@app.post("/tenants/{tenant}/pings")
async def ping(tenant: str) -> dict[str, int]:
    return {"pings": await meter.count_ping(tenant)}
