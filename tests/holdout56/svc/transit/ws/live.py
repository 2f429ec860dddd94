"""Live vehicle positions over websockets for the rider apps."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from transit.auth import TokenError, decode_token
from transit.services.vehicle_hub import LiveClient

logger = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT_S = 90
MAX_ROUTES_PER_CLIENT = 10


async def _pump(client: LiveClient) -> None:
    while True:
        message = await client.queue.get()
        await asyncio.wait_for(client.websocket.send_json(message), timeout=10)


@router.websocket("/ws/vehicles")
async def vehicles_ws(websocket: WebSocket) -> None:
    c = websocket.app.state.container
    token = websocket.query_params.get("token", "")
    try:
        decode_token(token, c.settings.jwt_secret)
    except TokenError:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if c.hub.client_count >= c.settings.max_ws_clients:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return

    await websocket.accept()
    client = LiveClient(websocket)
    c.hub.register(client)
    sender = asyncio.create_task(_pump(client))
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT_S)
            action = msg.get("action")
            route_id = str(msg.get("route_id", ""))
            if action == "subscribe" and route_id and len(client.routes) < MAX_ROUTES_PER_CLIENT:
                client.routes.add(route_id)
                client.offer({"route_id": route_id, "vehicles": await c.snapshots.load(route_id)})
            elif action == "unsubscribe":
                client.routes.discard(route_id)
            elif action == "ping":
                client.offer({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await sender
        c.hub.unregister(client)
