import asyncio
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI

from ticker.bridge import Bridge
from ticker.feed import TickerFeed


async def _refresh_rates(session: aiohttp.ClientSession, rates: dict) -> None:
    while True:
        async with session.get("https://rates.internal/latest") as resp:
            rates.update(await resp.json())  # expect: no-recovery
        await asyncio.sleep(60)


@asynccontextmanager
async def lifespan(app: FastAPI):
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    feed = TickerFeed(session, "wss://stream.exchange.example", asyncio.Queue())
    app.state.rates = {}
    background = [
        asyncio.create_task(feed.run_pair()),
        asyncio.create_task(feed.run_with_keepalive()),
        asyncio.create_task(Bridge(session, "wss://broker.internal/ws").run()),
    ]
    refresher = asyncio.create_task(_refresh_rates(session, app.state.rates))
    await feed.connect_once()
    try:
        yield
    finally:
        refresher.cancel()
        for task in background:
            task.cancel()
        await session.close()


app = FastAPI(lifespan=lifespan)
