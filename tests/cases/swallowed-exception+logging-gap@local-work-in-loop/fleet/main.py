"""Vehicle tracker: a background loop reports positions upstream and keeps a local gauge."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from .gauges import Gauges

_client = httpx.AsyncClient(base_url="https://telemetry.example.internal", timeout=5.0)


async def _pending_positions() -> list[dict]:
    return [{"vehicle": "v1", "lat": 1.0, "lon": 2.0}]


async def report_loop(gauges: Gauges) -> None:
    while True:
        batch = await _pending_positions()
        for position in batch:
            try:
                await _client.post("/positions", json=position)
            except Exception:  # expect: logging-gap, swallowed-exception
                continue
        for position in batch:
            try:
                label = f"{position['vehicle']}:{round(position['lat'], 3)}"
            except Exception:  # expect: swallowed-exception
                continue
            gauges.labels.append(label)
        try:
            gauges.queue_depth.set(len(batch))
        except Exception:  # expect: swallowed-exception
            pass
        await asyncio.sleep(10)


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(report_loop(Gauges()))
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/vehicles")
async def vehicles() -> list[str]:
    return ["v1"]
