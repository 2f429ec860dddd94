"""Websocket streams for balances, transactions and prices."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.config import get_settings
from svc.db.engine import sessionmaker
from svc.redis_client import get_redis
from svc.security import verify_stream_token
from svc.ws.hub import ConnectionLimitReached, hub

log = logging.getLogger(__name__)

router = APIRouter()

AUTH_TIMEOUT_S = 10.0


async def _authenticate(websocket: WebSocket, token: str):
    settings = get_settings()
    async with sessionmaker()() as session:
        return await verify_stream_token(session, token, settings)


@router.websocket("/ws/balances")
async def balances_stream(websocket: WebSocket) -> None:
    settings = get_settings()
    token = websocket.headers.get("x-api-key") or websocket.query_params.get("key", "")
    principal = await _authenticate(websocket, token) if token else None
    if principal is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    try:
        await hub.register(principal.customer_id, websocket, limit=settings.ws_max_connections_per_customer)
    except ConnectionLimitReached:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    outbox = hub.outbox(websocket)

    async def sender() -> None:
        while True:
            await websocket.send_json(await outbox.get())

    send_task = asyncio.create_task(sender())
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout_s)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if message == "pong":
                continue
    except WebSocketDisconnect:
        pass
    finally:
        send_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await send_task
        await hub.unregister(principal.customer_id, websocket)


@router.websocket("/ws/transactions")
async def transactions_stream(websocket: WebSocket) -> None:
    await websocket.accept()
    token = await websocket.receive_text()
    principal = await _authenticate(websocket, token)
    if principal is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await hub.register(principal.customer_id, websocket)
    await websocket.send_json({"type": "subscribed", "customer": principal.external_ref})
    while True:
        command = json.loads(await websocket.receive_text())
        if command.get("op") == "ping":
            await websocket.send_json({"type": "pong"})


@router.websocket("/ws/prices/{asset}")
async def prices_stream(ws: WebSocket, asset: str) -> None:
    await ws.accept()
    updates: asyncio.Queue[str] = asyncio.Queue()
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(f"custody:prices:{asset.lower()}")

    async def pump() -> None:
        async for message in pubsub.listen():
            if message.get("type") == "message":
                updates.put_nowait(message["data"])

    pump_task = asyncio.create_task(pump())
    try:
        while True:
            price = await updates.get()
            await ws.send_json({"asset": asset, "price": price})
    except WebSocketDisconnect:
        log.debug("price stream client left")
    finally:
        pump_task.cancel()
        await pubsub.unsubscribe()
        await pubsub.aclose()
