from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.config import get_settings
from app.database import SessionFactory
from app.services.clock_service import ClockError, ClockService
from app.timeutil import utcnow

log = logging.getLogger(__name__)

router = APIRouter()

KIOSK_SESSIONS: dict[str, WebSocket] = {}


@router.websocket("/ws/kiosk/{device_id}")
async def kiosk_channel(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept()
    KIOSK_SESSIONS[device_id] = websocket
    client = websocket.app.state.redis
    await client.hset(f"kiosk:{device_id}", "last_seen", utcnow().isoformat())
    try:
        while True:
            message = await websocket.receive_json()
            kind = message.get("type")
            if kind == "heartbeat":
                await client.hset(f"kiosk:{device_id}", "last_seen", utcnow().isoformat())
                websocket.send_json({"type": "heartbeat_ack", "at": utcnow().isoformat()})
            elif kind == "offline_punches":
                accepted, rejected = 0, []
                async with SessionFactory() as session:
                    service = ClockService(session, client, get_settings())
                    for punch in message.get("punches", []):
                        try:
                            await service.kiosk_punch(
                                punch["badge"], punch["pin"], device_id, punch["direction"]
                            )
                            accepted += 1
                        except ClockError as exc:
                            await session.rollback()
                            rejected.append({"badge": punch.get("badge"), "reason": str(exc)})
                await websocket.send_json({"type": "ack", "accepted": accepted, "rejected": rejected})
            else:
                await websocket.send_json({"type": "error", "detail": f"unknown message {kind!r}"})
    except WebSocketDisconnect:
        log.info("kiosk %s disconnected", device_id)
