from fastapi import FastAPI
from redis.asyncio import Redis

from rides.errors import ClosedError, RateLimitedError
from rides.limits import allow_quote, allow_request, service_open

app = FastAPI()
redis = Redis.from_url("redis://cache:6379/0")


@app.post("/rides")
async def request_ride(rider_id: int) -> dict[str, str]:
    if not service_open():
        raise ClosedError("service closed")
    if not allow_request(rider_id):
        raise RateLimitedError("too many ride requests")
    return {"status": "requested"}


@app.get("/quotes")
async def quote(rider_id: int) -> dict[str, int]:
    if not await allow_quote(redis, rider_id):
        raise RateLimitedError("slow down")
    return {"fare": 1200}
