from __future__ import annotations

import json
import logging
from collections import defaultdict

from fastapi import APIRouter, Depends, HTTPException, WebSocket, WebSocketDisconnect
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session, require_staff, ws_container
from lifeline.schemas import PositionIn
from lifeline.services.container import Container

log = logging.getLogger(__name__)

router = APIRouter(tags=["tracking"])


class TrackingHub:
    """Who is watching which courier, and the last known positions."""

    def __init__(self) -> None:
        self.watchers: dict[int, set[WebSocket]] = defaultdict(set)
        self.positions: dict[int, tuple[float, float]] = {}

    def watch(self, courier_id: int, ws: WebSocket) -> None:
        self.watchers[courier_id].add(ws)

    def forget(self, courier_id: int, ws: WebSocket) -> None:
        self.watchers[courier_id].discard(ws)
        if not self.watchers[courier_id]:
            del self.watchers[courier_id]

    async def broadcast(self, courier_id: int, message: dict) -> None:
        text = json.dumps(message)
        for ws in list(self.watchers.get(courier_id, ())):
            try:
                await ws.send_text(text)
            except (WebSocketDisconnect, RuntimeError):
                self.forget(courier_id, ws)


hub = TrackingHub()


@router.post("/couriers/{courier_id}/login")
async def courier_login(
    courier_id: int,
    pin: str,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    if not await container.dispatch.authenticate(session, courier_id, pin):
        raise HTTPException(status_code=401, detail="bad credentials")
    return {"ok": True}


@router.put("/couriers/{courier_id}/pin", status_code=204, dependencies=[Depends(require_staff)])
async def reset_pin(
    courier_id: int,
    pin: str,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> None:
    await container.dispatch.set_pin(session, courier_id, pin)


@router.post("/couriers/{courier_id}/position", status_code=204)
async def post_position(courier_id: int, body: PositionIn) -> None:
    hub.positions[courier_id] = (body.lat, body.lon)
    await hub.broadcast(courier_id, {"courier": courier_id, "lat": body.lat, "lon": body.lon, "at": body.at.isoformat()})


@router.post("/dispatch/{hospital_id}")
async def dispatch_courier(
    hospital_id: int, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    courier_id = await container.dispatch.assign(session, hospital_id, dict(hub.positions))
    return {"courier": courier_id}


@router.websocket("/ws/couriers/{courier_id}/track")
async def track_courier(websocket: WebSocket, courier_id: int) -> None:
    await websocket.accept()
    hub.watch(courier_id, websocket)
    try:
        if courier_id in hub.positions:
            lat, lon = hub.positions[courier_id]
            await websocket.send_json({"courier": courier_id, "lat": lat, "lon": lon})
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        pass
    finally:
        await hub.forget(courier_id, websocket)


@router.websocket("/ws/couriers/{courier_id}/feed")
async def courier_feed(websocket: WebSocket, courier_id: int, container: Container = Depends(ws_container)) -> None:
    token = websocket.query_params.get("token", "")
    if await container.redis.get(f"courier-session:{token}") != str(courier_id):
        await websocket.close(code=4401)
        return
    await websocket.accept()
    try:
        while True:
            raw = await websocket.receive_text()
            point = json.loads(raw)
            hub.positions[courier_id] = (float(point["lat"]), float(point["lon"]))
            await hub.broadcast(courier_id, {"courier": courier_id, **point})
    except WebSocketDisconnect:
        log.info("courier %s feed closed", courier_id)
