"""WebSocket gateway: drivers stream GPS, riders follow their ride, ops watch a city."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel, Field, ValidationError

from svc.cache.geo import DriverGeoIndex
from svc.cache.redis import bus, cache
from svc.config import settings
from svc.db.locations import locations
from svc.realtime.hub import DriverConnection, LocalHub
from svc.realtime.tracking import LocationTracker
from svc.services.auth import AuthError, decode_token

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 4096

hub = LocalHub(bus)
tracker = LocationTracker(locations, DriverGeoIndex(cache))


class GpsFrame(BaseModel):
    lat: float = Field(ge=-90, le=90)
    lng: float = Field(ge=-180, le=180)
    heading: float | None = Field(default=None, ge=0, lt=360)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await locations.open()
    await hub.start()
    tracker.start()
    try:
        yield
    finally:
        await tracker.stop()
        await hub.stop()
        await locations.close()


app = FastAPI(title="dispatch-gateway", lifespan=lifespan)


def _claims(ws: WebSocket, role: str) -> dict[str, str] | None:
    token = ws.query_params.get("token") or ""
    try:
        claims = decode_token(token)
    except AuthError:
        return None
    return claims if claims.get("role") == role else None


@app.websocket("/ws/driver/location")
async def driver_location_stream(ws: WebSocket) -> None:
    claims = _claims(ws, "driver")
    if claims is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connection_count >= settings.max_ws_per_replica:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    driver_id, city = int(claims["sub"]), claims.get("city", "berlin")
    await ws.accept()
    conn = DriverConnection(driver_id, ws)
    hub.attach_driver(conn)
    pump = asyncio.create_task(conn.pump(), name=f"pump-{driver_id}")
    try:
        while True:
            raw = await asyncio.wait_for(ws.receive_text(), timeout=settings.ws_idle_timeout)
            if len(raw) > MAX_FRAME_BYTES:
                await ws.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if raw == "ping":
                conn.offer("pong")
                continue
            try:
                frame = GpsFrame.model_validate_json(raw)
            except ValidationError:
                conn.offer(json.dumps({"error": "bad_frame"}))
                continue
            await tracker.ingest(city, driver_id, frame.lat, frame.lng, frame.heading)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("driver %s location stream closed", driver_id)
    finally:
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pump
        hub.detach_driver(driver_id)
        tracker.forget(driver_id)


@app.websocket("/ws/rides/{ride_id}")
async def ride_updates(ws: WebSocket, ride_id: int) -> None:
    await ws.accept()
    hub.attach_ride(ride_id, ws)
    try:
        while True:
            message = await ws.receive_text()
            if message == "ping":
                await ws.send_text("pong")
    finally:
        hub.detach_ride(ride_id, ws)


@app.websocket("/ws/ops/{city}")
async def ops_live_map(ws: WebSocket, city: str) -> None:
    if _claims(ws, "admin") is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await ws.accept()
    hub.city_watchers[city].add(ws)
    try:
        while True:
            command = await asyncio.wait_for(ws.receive_json(), timeout=settings.ws_idle_timeout * 4)
            if command.get("type") == "snapshot":
                positions = await locations.latest_for([int(d) for d in command.get("drivers", [])][:200])
                await ws.send_json({str(k): [v.lat, v.lng] for k, v in positions.items()})
    except WebSocketDisconnect:
        hub.city_watchers[city].discard(ws)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
