from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from greenhouse.timers import Timers, run_periodically
from greenhouse.watering import Irrigation, expire_sensor_alerts


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    irrigation = Irrigation(redis)
    timers = Timers()
    timers.repeat("valves", 120, irrigation.close_stale_valves)
    timers.repeat("water-billing", 300, irrigation.bill_water_usage)
    alerts = run_periodically(expire_sensor_alerts, period=1800)
    yield
    timers.cancel_all()
    alerts.cancel()
    await redis.aclose()


app = FastAPI(lifespan=lifespan)
