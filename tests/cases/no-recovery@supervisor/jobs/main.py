import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from jobs import runner, sync


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="http://prices.internal", timeout=5.0)
    tasks = [
        asyncio.create_task(runner.keep_alive("prices", lambda: sync.mirror_prices(client))),
        asyncio.create_task(runner.keep_alive_with_backoff("holds", sync.expire_holds)),
    ]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()


app = FastAPI(lifespan=lifespan)
