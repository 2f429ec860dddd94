import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from relay.idle import Heartbeat, IdleCloser


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="http://sessions:8000", timeout=5)
    tasks = [
        asyncio.create_task(IdleCloser(client, "main", 300).run()),
        asyncio.create_task(Heartbeat(client, "main").run()),
    ]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
