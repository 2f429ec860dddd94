"""Analytics API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from analytics.db import open_pool


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await open_pool()
    yield
    await app.state.pool.close()


app = FastAPI(title="analytics", lifespan=lifespan)


@app.get("/events/count")
async def event_count(request: Request) -> dict:
    total = await request.app.state.pool.fetchval("SELECT count(*) FROM events")
    return {"events": total}
