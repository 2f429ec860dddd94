"""Ops-desk websockets: the live fleet map and the single-vehicle telemetry panel."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ..db import SessionFactory
from ..repositories import VehicleRepository
from ..services.hubs import OpsHub
from ..services.positions import FleetSnapshotService
from ..settings import get_settings
from ..utils.security import constant_time_in

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/ops/fleet")
async def fleet_feed(websocket: WebSocket) -> None:
    await websocket.accept(subprotocol="fleet.v1")
    hub: OpsHub = websocket.app.state.ops_hub
    try:
        hello = await asyncio.wait_for(websocket.receive_json(), timeout=10)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        await websocket.close(code=1008)
        return

    branch_id = hello.get("branch_id")
    if branch_id:
        async with SessionFactory() as session:
            snapshots = FleetSnapshotService(VehicleRepository(session), websocket.app.state.telematics)
            vehicles = await snapshots.branch_snapshot(branch_id)
        await websocket.send_json({"type": "snapshot", "branch_id": branch_id, "vehicles": vehicles})

    queue = hub.subscribe(websocket)
    try:
        while True:
            reading = await queue.get()
            if branch_id and reading.get("branch_id") not in (None, branch_id):
                continue
            await websocket.send_json({"type": "position", **reading})
    except WebSocketDisconnect:
        logger.info("ops fleet socket closed (%d left)", hub.connection_count - 1)
    finally:
        hub.unsubscribe(websocket)


@router.websocket("/ws/ops/vehicles/{vehicle_id}")
async def vehicle_panel(websocket: WebSocket, vehicle_id: str, token: str = Query(...)) -> None:
    if not constant_time_in(token, get_settings().ops_api_tokens):
        await websocket.close(code=4403)
        return
    await websocket.accept()
    hub: OpsHub = websocket.app.state.ops_hub
    queue = hub.watch_vehicle(vehicle_id)
    while True:
        reading = await queue.get()
        await websocket.send_json(reading)
