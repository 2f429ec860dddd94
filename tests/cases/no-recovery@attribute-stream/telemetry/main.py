import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from telemetry.feeds import GaugeFeed


@asynccontextmanager
async def lifespan(app: FastAPI):
    feed = GaugeFeed("broker.internal")
    gauges = asyncio.create_task(feed.follow(), name="gauges")  # expect: no-recovery
    valves = asyncio.create_task(feed.follow_with_reconnect(), name="valves")
    yield
    gauges.cancel()
    valves.cancel()


app = FastAPI(lifespan=lifespan)
