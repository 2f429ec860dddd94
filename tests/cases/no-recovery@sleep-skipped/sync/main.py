"""Starts the periodic jobs with the application."""
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from sync.jobs import CacheCompactor, CatalogMirror, Heartbeat, RateRefresher


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(timeout=10)
    mirror = CatalogMirror(client, interval=900)
    rates = RateRefresher(client, interval=60)
    compactor = CacheCompactor(client, interval=600)
    heartbeat = Heartbeat(client, interval=30)
    tasks = [
        asyncio.create_task(mirror.run()),
        asyncio.create_task(rates.run()),
        asyncio.create_task(compactor.run()),
        asyncio.create_task(heartbeat.run()),
    ]
    yield
    compactor.stop()
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
