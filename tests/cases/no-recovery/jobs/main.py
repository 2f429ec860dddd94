"""Wiring: every loop is started with the application."""
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from jobs.workers import Poller, drain, supervise, supervise_with_backoff


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(timeout=10)
    poller = Poller(client)
    queue: asyncio.Queue = asyncio.Queue(maxsize=100)
    tasks = [
        asyncio.create_task(poller.run()),
        asyncio.create_task(poller.run_safely()),
        asyncio.create_task(supervise(client)),
        asyncio.create_task(supervise_with_backoff(client)),
        asyncio.create_task(drain(queue, client)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
