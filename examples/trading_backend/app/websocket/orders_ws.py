"""Per-user order status stream."""

from __future__ import annotations

import json
import logging
import time

import redis.asyncio as redis
from fastapi import APIRouter, Query, WebSocket, status

from app.database import DataManager
from app.websocket.manager import manager

logger = logging.getLogger(__name__)

router = APIRouter()

MAX_SYMBOLS = 50


@router.websocket("/ws/orders")
async def orders_socket(websocket: WebSocket, api_key: str = Query(...)) -> None:
    dm: DataManager = websocket.app.state.dm
    user = await dm.get_user_by_api_key(api_key)
    if user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    channel = f"orders:{user['id']}"
    await manager.connect(websocket, channel)
    subscriptions: set[str] = set()
    websocket.state.symbols = subscriptions
    while True:
        message = await websocket.receive_json()
        action = message.get("action")
        symbols = [str(s).upper() for s in message.get("symbols", [])][:MAX_SYMBOLS]
        if action == "subscribe":
            subscriptions.update(symbols)
            await websocket.send_json({"type": "subscribed", "symbols": sorted(subscriptions)})
        elif action == "unsubscribe":
            subscriptions.difference_update(symbols)
            await websocket.send_json({"type": "unsubscribed", "symbols": sorted(subscriptions)})
        elif action == "ping":
            await websocket.send_json({"type": "pong", "ts": time.time()})
        else:
            await websocket.send_json({"type": "error", "detail": f"unknown action {action!r}"})


async def relay_order_updates(redis_client: redis.Redis) -> None:
    """Forward order events published by OrderService to the owning user's sockets."""
    pubsub = redis_client.pubsub()
    await pubsub.psubscribe("orders:*")
    try:
        async for event in pubsub.listen():
            if event.get("type") != "pmessage":
                continue
            try:
                payload = json.loads(event["data"])
                await manager.broadcast(event["channel"], {"type": "order", **payload})
            except Exception:
                logger.exception("failed to relay order update on %s", event.get("channel"))
    finally:
        await pubsub.aclose()
