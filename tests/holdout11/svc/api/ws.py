"""Websocket endpoints: handheld scanners, pack-station screens and the floor dashboard."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect, status

from svc.services.realtime import FloorBroadcaster, ScannerHub, StationRegistry
from svc.services.shipping import ShippingService

logger = logging.getLogger(__name__)

router = APIRouter()

MAX_SCAN_FRAME = 4096


@router.websocket("/ws/scanner/{device_id}")
async def scanner_socket(websocket: WebSocket, device_id: str, pin: str = Query(..., max_length=12)) -> None:
    hub: ScannerHub = websocket.app.state.scanner_hub
    if not await hub.authenticate(device_id, pin):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if not hub.try_register(device_id):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        await websocket.accept()
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=hub.idle_timeout)
            if len(raw) > MAX_SCAN_FRAME:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                return
            await websocket.send_json(await hub.handle_scan(device_id, json.loads(raw)))
    except WebSocketDisconnect:
        logger.info("scanner %s disconnected", device_id)
    except asyncio.TimeoutError:
        logger.info("scanner %s idle, closing", device_id)
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    finally:
        hub.unregister(device_id)


@router.websocket("/ws/pack-station/{station}")
async def pack_station_socket(websocket: WebSocket, station: str) -> None:
    stations: StationRegistry = websocket.app.state.stations
    shipping: ShippingService = websocket.app.state.shipping
    await websocket.accept()
    stations.attach(station, websocket)
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "parcel_weighed":
            quote = await shipping.quote(int(message["order_id"]), int(message["grams"]))
            await websocket.send_json({"type": "quote", **quote})


@router.websocket("/ws/floor")
async def floor_socket(websocket: WebSocket) -> None:
    broadcaster: FloorBroadcaster = websocket.app.state.floor
    await websocket.accept()
    broadcaster.clients.add(websocket)
    async for _ in websocket.iter_text():
        continue
