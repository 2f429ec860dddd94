"""Wiring: the gauge loops start with the application."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import asyncpg
import httpx
from fastapi import FastAPI

from gauges.metrics import EventShipper
from gauges.scheduler import GaugeScheduler


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/app")
    client = httpx.AsyncClient(timeout=10.0)
    scheduler = GaugeScheduler(pool)
    app.state.shipper = EventShipper(client)
    tasks = [asyncio.create_task(scheduler.run_backlog()), asyncio.create_task(scheduler.run_lag()),
             asyncio.create_task(scheduler.run_both()), asyncio.create_task(scheduler.run_both_strict())]
    yield
    for task in tasks:
        task.cancel()
    await client.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/events")
async def ingest(event: dict) -> dict:
    app.state.shipper.emit(event)
    return {"queued": True}
