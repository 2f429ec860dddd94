from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Query, WebSocket
from starlette.websockets import WebSocketState

from ..errors import NotFound
from ..models import Unit
from ..repositories import UnitRepository
from ..utils.timeutil import utcnow

router = APIRouter()
log = logging.getLogger(__name__)

FIELD_STATUSES = ("enroute", "onscene", "transporting", "available")


async def _handle(container, unit: Unit, message: dict[str, Any]) -> dict[str, Any]:
    kind = message.get("type")
    if kind == "ack":
        try:
            await container.assignment.acknowledge(int(message["assignment_id"]), unit.id)
        except NotFound:
            return {"type": "error", "detail": "unknown assignment"}
        return {"type": "ack_ok", "assignment_id": message["assignment_id"]}
    if kind == "status" and message.get("status") in FIELD_STATUSES:
        async with container.sessionmaker() as session, session.begin():
            await UnitRepository(session).set_status(unit.id, message["status"], utcnow())
        await container.bus.publish("unit.status", {"unit": unit.id, "status": message["status"], "agency": unit.agency})
        return {"type": "status_ok"}
    return {"type": "error", "detail": f"unsupported message {kind!r}"}


@router.websocket("/ws/mdt/{callsign}")
async def mdt_socket(websocket: WebSocket, callsign: str, pin: str = Query(default="")) -> None:
    container = websocket.app.state.container
    async with container.sessionmaker() as session:
        unit = await UnitRepository(session).by_callsign(callsign)
    if unit is None or not await container.auth.verify_mdt_pin(unit, pin):
        await websocket.close(code=1008)
        return
    await websocket.accept()
    container.mdt_hub.attach(unit.id, websocket)
    log.info("MDT session opened for %s", callsign)
    while websocket.client_state == WebSocketState.CONNECTED:
        raw = await websocket.receive_text()
        try:
            message = json.loads(raw)
        except:
            await websocket.send_json({"type": "error", "detail": "malformed message"})
            continue
        await websocket.send_json(await _handle(container, unit, message))
    container.mdt_hub.detach(unit.id, websocket)
    log.info("MDT session closed for %s", callsign)
