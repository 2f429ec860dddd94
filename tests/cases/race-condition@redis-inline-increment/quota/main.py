from fastapi import Depends, FastAPI
from redis.asyncio import Redis

from quota.counters import DailyCounters

app = FastAPI()
redis = Redis.from_url("redis://cache:6379/0", socket_timeout=2.0)


def get_counters() -> DailyCounters:
    return DailyCounters(redis)


@app.post("/exports/{day}")
async def export(day: str, counters: DailyCounters = Depends(get_counters)) -> dict[str, str]:
    await counters.count_export(day)
    await counters.count_export_atomic(day)
    await counters.copy_total(day)
    return {"status": "ok"}
