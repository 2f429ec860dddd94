"""Websocket feeds for the driver app (live session) and the operations dashboard."""
from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from svc.deps import decode_access_token
from svc.services.feeds import FeedClient, LiveHub, OperatorFeed

log = logging.getLogger(__name__)

router = APIRouter()


@router.websocket("/ws/driver/transactions/{transaction_id}")
async def driver_session_feed(websocket: WebSocket, transaction_id: int, token: str = Query(...)) -> None:
    driver_id = decode_access_token(token)
    if driver_id is None:
        await websocket.close(code=4401)
        return
    await websocket.accept()
    hub: LiveHub = websocket.app.state.live_hub
    queue = hub.subscribe(transaction_id)
    while True:
        update = await queue.get()
        await websocket.send_json(update)


async def _pump(client: FeedClient) -> None:
    while True:
        payload = await client.outbox.get()
        await client.websocket.send_text(payload)


@router.websocket("/ws/operator/feed")
async def operator_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    feed: OperatorFeed = websocket.app.state.operator_feed
    client = feed.attach(websocket)
    sender = asyncio.create_task(_pump(client))
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=60.0)
            if message.get("type") == "subscribe":
                client.site_ids = {int(site_id) for site_id in message.get("site_ids", [])}
            elif message.get("type") == "ping":
                client.outbox.put_nowait(json.dumps({"type": "pong"}))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        sender.cancel()
        feed.detach(client)
