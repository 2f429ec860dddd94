"""Live price stream for the web and mobile clients."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.websocket.manager import manager

logger = logging.getLogger(__name__)

router = APIRouter()

PRICES_CHANNEL = "prices"
MAX_SYMBOLS = 50


@router.websocket("/ws/prices")
async def prices_socket(websocket: WebSocket) -> None:
    await manager.connect(websocket, PRICES_CHANNEL)
    subscriptions: set[str] = set()
    websocket.state.symbols = subscriptions
    try:
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
    except WebSocketDisconnect as exc:
        logger.info("price client disconnected (code=%s)", exc.code)
    finally:
        manager.disconnect(websocket, PRICES_CHANNEL)


async def broadcast_prices(queue: asyncio.Queue[dict[str, Any]]) -> None:
    """Fan price ticks from the poller out to every connected client."""
    while True:
        tick = await queue.get()
        try:
            await manager.broadcast(PRICES_CHANNEL, {"type": "tick", **tick})
        except Exception:
            logger.exception("price broadcast failed for %s", tick.get("symbol"))
        finally:
            queue.task_done()
