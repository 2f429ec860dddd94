"""Crawler API: per-host request spacing kept in redis."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request

from crawl.spacing import HostSpacing


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", decode_responses=True)
    app.state.spacing = HostSpacing(client, 2.0)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/hosts/{host}/fetch")
async def fetch(host: str, request: Request) -> dict[str, bool]:
    spacing: HostSpacing = request.app.state.spacing
    await spacing.wait_turn(host)
    await spacing.wait_turn_atomically(host)
    await spacing.remember_seen(host)
    return {"ok": await spacing.take_if_free(host)}
