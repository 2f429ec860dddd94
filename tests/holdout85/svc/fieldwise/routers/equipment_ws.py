"""Tractor telemetry uplink: each tractor's terminal keeps one socket open while the engine runs."""
from __future__ import annotations

import asyncio
import json

from fastapi import APIRouter, WebSocket, status

from fieldwise.auth import token_digest
from fieldwise.db.engine import SessionFactory
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.equipment import TractorRepository
from fieldwise.services.equipment import TelemetryService

log = get_logger(__name__)
router = APIRouter()


class TractorSessions:
    def __init__(self) -> None:
        self.connected: dict[int, WebSocket] = {}

    def register(self, tractor_id: int, ws: WebSocket) -> None:
        self.connected[tractor_id] = ws

    def unregister(self, tractor_id: int) -> None:
        self.connected.pop(tractor_id, None)


sessions = TractorSessions()


@router.websocket("/ws/tractors/{vin}")
async def tractor_uplink(websocket: WebSocket, vin: str) -> None:
    token = websocket.headers.get("x-tractor-token", "")
    async with SessionFactory() as session:
        tractor = await TractorRepository(session).by_vin(vin)
    if tractor is None or tractor.api_token_hash != token_digest(token):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    deps = websocket.app.state.services
    telemetry = TelemetryService(deps, websocket.app.state.hub)
    sessions.register(tractor.id, websocket)
    while True:
        raw = await asyncio.wait_for(websocket.receive_text(), timeout=60)
        frame = json.loads(raw)
        if frame.get("type") == "ping":
            await websocket.send_text('{"type":"pong"}')
            continue
        await telemetry.record(tractor.farm_id, tractor.id, frame)
