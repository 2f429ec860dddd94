from contextlib import asynccontextmanager

from fastapi import FastAPI
from redis.asyncio import Redis

from board.hub import ScoreHub
from board.scheduler import Scheduler


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://cache.internal:6379/0", socket_timeout=5)
    hub, mirror = ScoreHub(redis), ScoreHub(redis)
    scheduler = Scheduler()
    scheduler.add("scores", hub.run_listener)
    scheduler.add("scores-mirror", mirror.run_listener_with_pause)
    scheduler.start()
    app.state.hub = hub
    yield


app = FastAPI(lifespan=lifespan)
