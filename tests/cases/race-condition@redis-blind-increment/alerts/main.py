from fastapi import Depends, FastAPI
from redis.asyncio import Redis

from alerts.probes import ProbeTracker

app = FastAPI()
redis = Redis.from_url("redis://cache:6379/0", socket_timeout=2.0)


def get_tracker() -> ProbeTracker:
    return ProbeTracker(redis)


@app.post("/probes/{probe_id}/miss")
async def probe_missed(probe_id: str, tracker: ProbeTracker = Depends(get_tracker)) -> dict[str, str]:
    await tracker.miss(probe_id)
    await tracker.miss_atomic(probe_id)
    await tracker.refresh_label(probe_id)
    return {"status": "recorded"}
