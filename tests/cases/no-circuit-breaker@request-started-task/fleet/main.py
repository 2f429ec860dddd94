"""Telemetry ingest: each batch starts an alert evaluation the request does not wait for."""
from __future__ import annotations

import asyncio

from fastapi import FastAPI

from .alerts import AlertService
from .geo import Elevation, Geocoder

app = FastAPI()
alerts = AlertService(Geocoder("https://geo.example"))
elevation = Elevation("https://elevation.example")
_tasks: set[asyncio.Task] = set()


@app.on_event("startup")
async def depot_height() -> None:
    app.state.depot_height = await elevation.height(52.5, 13.4)


@app.post("/telemetry/{device}")
async def ingest(device: str, lat: float, lon: float, speed: float) -> dict[str, str]:
    task = asyncio.create_task(alerts.evaluate(device, lat, lon, speed))
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
    return {"status": "accepted"}
