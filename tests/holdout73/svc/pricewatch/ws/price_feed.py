from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from pricewatch.auth.deps import user_id_from_token
from pricewatch.config import get_settings

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/prices")
async def price_feed(websocket: WebSocket) -> None:
    settings = get_settings()
    token = websocket.query_params.get("token", "")
    user_id = user_id_from_token(token)
    if user_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub = websocket.app.state.hub

    try:
        hello = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        return
    product_ids = [int(p) for p in hello.get("products", [])][: settings.ws_max_subscriptions]
    await hub.subscribe(websocket, user_id, product_ids)
    await websocket.send_json({"type": "subscribed", "products": product_ids})

    while True:
        try:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_timeout)
        except asyncio.TimeoutError:
            await websocket.send_json({"type": "ping"})
            continue
        except WebSocketDisconnect:
            return
        if msg.get("type") == "subscribe":
            extra = [int(p) for p in msg.get("products", [])][: settings.ws_max_subscriptions]
            await hub.subscribe(websocket, user_id, extra)
        elif msg.get("type") == "pong":
            continue
