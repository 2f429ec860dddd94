from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..observability import WS_CONNECTIONS
from ..db import get_redis

router = APIRouter()
log = logging.getLogger(__name__)

CREW_IDLE_S = 120


class CrewRegistry:
    def __init__(self) -> None:
        self._by_crew: dict[str, WebSocket] = {}

    async def attach(self, crew_id: str, ws: WebSocket) -> None:
        previous = self._by_crew.get(crew_id)
        self._by_crew[crew_id] = ws
        WS_CONNECTIONS.labels("crew").inc()
        if previous is not None and previous is not ws:
            await previous.close(code=4000)

    def detach(self, crew_id: str, ws: WebSocket) -> None:
        if self._by_crew.get(crew_id) is ws:
            del self._by_crew[crew_id]
            WS_CONNECTIONS.labels("crew").dec()

    async def send(self, crew_id: str, payload: dict) -> bool:
        ws = self._by_crew.get(crew_id)
        if ws is None:
            log.info("crew %s not connected; job %s will be picked up on reconnect", crew_id, payload.get("job_id"))
            return False
        await ws.send_json(payload)
        return True

    async def broadcast(self, payload: dict) -> None:
        for crew_id, ws in list(self._by_crew.items()):
            try:
                await asyncio.wait_for(ws.send_json(payload), timeout=5)
            except (asyncio.TimeoutError, RuntimeError, WebSocketDisconnect):
                self.detach(crew_id, ws)


crew_registry = CrewRegistry()


@router.websocket("/ws/crew/{crew_id}")
async def crew_socket(websocket: WebSocket, crew_id: str) -> None:
    await websocket.accept()
    await crew_registry.attach(crew_id, websocket)
    redis = get_redis()
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=CREW_IDLE_S)
            if msg.get("type") == "status" and msg.get("status") in {"available", "en_route", "on_site", "off_shift"}:
                await redis.set(f"crew:{crew_id}:status", msg["status"], ex=12 * 3600)
            elif msg.get("type") == "heartbeat":
                await websocket.send_json({"type": "ack"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        log.info("crew %s socket closed", crew_id)
    finally:
        crew_registry.detach(crew_id, websocket)
