"""Live order and price feeds."""
from __future__ import annotations

import logging

from fastapi import APIRouter, WebSocket

from feeds import subscriptions
from feeds.subscriptions import NORMAL_DISCONNECTS

log = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/orders")
async def orders(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            request = await websocket.receive_json()
            await websocket.send_json({"ack": request.get("id")})
    except subscriptions.NORMAL_DISCONNECTS:
        log.debug("orders client left")


@router.websocket("/ws/prices")
async def prices(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            symbol = await websocket.receive_text()
            await websocket.send_json({"symbol": symbol, "price": 1.0})
    except NORMAL_DISCONNECTS:
        log.debug("prices client left")


@router.websocket("/ws/quotes")
async def quotes(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        symbol = await websocket.receive_text()  # expect: websocket-lifecycle
        await websocket.send_json({"symbol": symbol, "bid": 1.0})
