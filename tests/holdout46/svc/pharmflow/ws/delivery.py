"""Delivery websockets: patients watch a delivery, drivers stream GPS fixes."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..db.engine import SessionLocal
from ..db.pg import pool
from ..repositories.deliveries import DeliveryRepository

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/track/{tracking_code}")
async def track_delivery(websocket: WebSocket, tracking_code: str) -> None:
    hub = websocket.app.state.tracking_hub
    async with SessionLocal() as session:
        delivery = await DeliveryRepository(session).by_tracking_code(tracking_code)
    if delivery is None:
        await websocket.close(code=4404)
        return
    await websocket.accept()
    await websocket.send_json({"status": delivery.status, "lat": delivery.last_lat, "lng": delivery.last_lng})
    hub.subscribe(tracking_code, websocket)
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


async def _store_fix(job_id: str, lat: float, lng: float) -> None:
    async with pool().acquire() as conn:
        await conn.execute(
            "INSERT INTO delivery_events (courier_job_id, status, lat, lng) VALUES ($1, 'location', $2, $3)",
            job_id,
            lat,
            lng,
        )


@router.websocket("/ws/driver/{job_id}")
async def driver_feed(websocket: WebSocket, job_id: str) -> None:
    await websocket.accept()
    tracking = websocket.app.state.tracking_hub
    code = websocket.query_params.get("tracking_code", "")
    try:
        while True:
            raw = await websocket.receive_text()
            fix = json.loads(raw)
            lat, lng = float(fix["lat"]), float(fix["lng"])
            asyncio.create_task(_store_fix(job_id, lat, lng))
            if code:
                await tracking.publish(code, {"status": "en_route", "lat": lat, "lng": lng})
    except WebSocketDisconnect:
        log.info("driver for job %s disconnected", job_id)
