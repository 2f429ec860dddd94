from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Depends, WebSocket, WebSocketDisconnect, status

from telco.container import Container
from telco.deps import get_container, staff_only, ws_container
from telco.routers.schemas import NocEventIn
from telco.utils.timeutil import utcnow

logger = logging.getLogger(__name__)
router = APIRouter(tags=["noc"])


@router.post("/noc/events", status_code=202, dependencies=[Depends(staff_only)])
async def ingest_event(event: NocEventIn, container: Container = Depends(get_container)) -> dict:
    payload = {**event.model_dump(), "received_at": utcnow().isoformat()}
    await container.noc_hub.broadcast(payload)
    return {"accepted": True}


@router.websocket("/ws/noc")
async def noc_feed(websocket: WebSocket, token: str = "", container: Container = Depends(ws_container)) -> None:
    if not hmac.compare_digest(token, container.settings.noc_token):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if container.noc_hub.size >= container.settings.ws_max_clients:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    container.noc_hub.register(websocket)
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


@router.websocket("/ws/noc/cells/{cell_id}")
async def cell_feed(websocket: WebSocket, cell_id: str, container: Container = Depends(ws_container)) -> None:
    await websocket.accept(subprotocol=None)
    hub = container.noc_hub
    hub.register(websocket)
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        logger.info("cell %s viewer left", cell_id)
    finally:
        hub.unregister(websocket)
