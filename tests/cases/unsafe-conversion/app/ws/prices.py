"""Websocket handlers: receive_json in a loop with and without a per-message guard."""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.ws.handlers import apply_order

router = APIRouter()


@router.websocket("/ws/prices")
async def prices(websocket: WebSocket) -> None:
    await websocket.accept()
    symbols: set[str] = set()
    try:
        while True:
            message = await websocket.receive_json()  # expect: unsafe-conversion
            symbols.update(message.get("symbols", []))
            await websocket.send_json({"subscribed": sorted(symbols)})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/orders")
async def orders(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        try:
            message = await websocket.receive_json()
        except json.JSONDecodeError:
            await websocket.send_json({"type": "error", "detail": "malformed message"})
            continue
        await apply_order(websocket, message)


@router.websocket("/ws/quotes")
async def quotes(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:
        text = await websocket.receive_text()
        try:
            request = json.loads(text)
            size = Decimal(str(request["size"]))
        except (ValueError, KeyError, InvalidOperation):
            await websocket.send_json({"type": "error"})
            continue
        await websocket.send_json({"size": str(size)})


@router.websocket("/ws/hello")
async def hello(websocket: WebSocket) -> None:
    await websocket.accept()
    greeting = await websocket.receive_json()
    await websocket.send_json({"echo": greeting})
    await websocket.close()


@router.websocket("/ws/fills")
async def fills(websocket: WebSocket) -> None:
    await websocket.accept()
    async for message in websocket.iter_json():  # expect: unsafe-conversion
        await websocket.send_json({"ack": message.get("id")})
