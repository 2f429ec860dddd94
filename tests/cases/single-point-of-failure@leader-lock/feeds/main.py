import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from feeds.stores import create_cache, create_locks, create_scratch
from feeds.workers import PriceRefresher, ScratchSweeper


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.cache = create_cache()
    locks = create_locks()
    scratch = create_scratch()
    refresher = asyncio.create_task(PriceRefresher(locks).run())
    sweeper = asyncio.create_task(ScratchSweeper(scratch).run())
    yield
    refresher.cancel()
    sweeper.cancel()
    await locks.aclose()
    await scratch.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/prices/{sku}")
async def price(sku: str) -> dict:
    return {"sku": sku, "price": await app.state.cache.get(f"price:{sku}")}
