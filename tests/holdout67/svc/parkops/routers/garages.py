"""Garage entry/exit and the public live-availability feed shown on signage and in the app."""
from __future__ import annotations

import asyncio
from collections import defaultdict

from fastapi import APIRouter, Depends, HTTPException, WebSocket, WebSocketDisconnect

from ..web import UserId, state
from ..services.session_service import GarageFull

router = APIRouter(tags=["garages"])

garage_viewers: dict[int, set[WebSocket]] = defaultdict(set)


@router.get("/api/v1/garages/{zone_id}/availability")
async def availability(zone_id: int, app_state=Depends(state)) -> dict:
    avail = await app_state.occupancy_service.availability(zone_id)
    return {"zone_id": zone_id, "free": avail.free, "capacity": avail.capacity, "source": avail.source}


@router.post("/api/v1/garages/{zone_id}/enter", status_code=201)
async def enter(zone_id: int, plate: str, gate_id: str, user_id: UserId, app_state=Depends(state)) -> dict:
    try:
        session = await app_state.session_service.enter_garage(user_id, plate, zone_id, gate_id)
    except GarageFull as exc:
        raise HTTPException(status_code=409, detail="garage full") from exc
    return {"session_id": session.id, "bay_id": session.bay_id}


@router.websocket("/ws/garages/{zone_id}")
async def live_availability(websocket: WebSocket, zone_id: int) -> None:
    await websocket.accept()
    garage_viewers[zone_id].add(websocket)
    service = websocket.app.state.occupancy_service
    try:
        while True:
            avail = await service.availability(zone_id)
            await websocket.send_json({"free": avail.free, "capacity": avail.capacity})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        return


async def announce_closure(zone_id: int, message: str) -> int:
    sent = 0
    for ws in list(garage_viewers.get(zone_id, ())):
        await ws.send_json({"closure": message})
        sent += 1
    return sent
