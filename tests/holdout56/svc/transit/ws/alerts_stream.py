"""Streams new service alerts to the operations dashboard and kiosk displays."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from fastapi import APIRouter, WebSocket

logger = logging.getLogger(__name__)

router = APIRouter()


class AlertBroadcaster:
    def __init__(self) -> None:
        self.connections: list[WebSocket] = []
        self.kiosk_filters: dict[int, set[str]] = {}

    async def broadcast(self, alert: dict[str, Any]) -> None:
        text = json.dumps(alert)
        for ws in self.connections:
            wanted = self.kiosk_filters.get(id(ws))
            if wanted and not wanted.intersection(alert.get("route_ids", [])):
                continue
            try:
                await ws.send_text(text)
            except:
                self.connections.remove(ws)


broadcaster = AlertBroadcaster()


@router.websocket("/ws/alerts")
async def alerts_ws(websocket: WebSocket) -> None:
    await websocket.accept()
    broadcaster.connections.append(websocket)
    routes = websocket.query_params.get("routes")
    if routes:
        broadcaster.kiosk_filters[id(websocket)] = set(routes.split(","))
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")


async def relay_alerts(redis, stop: asyncio.Event) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe("alerts:new")
    while not stop.is_set():
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        if message:
            await broadcaster.broadcast(json.loads(message["data"]))
