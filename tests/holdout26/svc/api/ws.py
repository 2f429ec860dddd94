"""Live bid streams over websockets."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.errors import AuctionError
from svc.realtime.hub import BidHub, Client
from svc.services.bidding import BiddingService
from svc.services.accounts import sessions

log = logging.getLogger(__name__)

router = APIRouter()

viewer_counts: defaultdict[int, int] = defaultdict(int)

MAX_MESSAGE_BYTES = 4096


async def _pump(client: Client) -> None:
    while True:
        message = await client.outbox.get()
        await client.ws.send_text(message)


@router.websocket("/ws/lots/{lot_id}")
async def lot_stream(websocket: WebSocket, lot_id: int, token: str = "") -> None:
    hub: BidHub = websocket.app.state.hub
    bidding: BiddingService = websocket.app.state.bidding
    account_id = sessions.resolve(token)
    if account_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if hub.connection_count >= hub.max_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.accept()
    client = Client(websocket, account_id)
    await hub.join(lot_id, client)
    pump = asyncio.create_task(_pump(client))
    idle_timeout = websocket.app.state.settings.ws_idle_timeout_s
    try:
        while True:
            raw = await asyncio.wait_for(websocket.receive_text(), timeout=idle_timeout)
            client.last_seen = asyncio.get_running_loop().time()
            if len(raw) > MAX_MESSAGE_BYTES:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if raw == "ping":
                await websocket.send_text("pong")
                continue
            message = json.loads(raw)
            if message.get("type") != "bid":
                continue
            if not hub.allow_bid(account_id):
                await websocket.send_json({"type": "error", "code": "rate_limited"})
                continue
            try:
                result = await bidding.place_bid(lot_id, account_id, int(message["amount_cents"]))
            except AuctionError as exc:
                await websocket.send_json({"type": "error", "code": exc.code})
            else:
                await websocket.send_json({"type": "accepted", **result})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        pump.cancel()
        await hub.leave(lot_id, client)


@router.websocket("/ws/lots/{lot_id}/viewers")
async def viewer_widget(websocket: WebSocket, lot_id: int) -> None:
    await websocket.accept()
    viewer_counts[lot_id] += 1
    try:
        while True:
            await websocket.send_json({"lot_id": lot_id, "viewers": viewer_counts[lot_id]})
            await asyncio.sleep(5)
    except WebSocketDisconnect:
        viewer_counts[lot_id] -= 1


@router.websocket("/ws/seller/feed")
async def seller_feed(websocket: WebSocket, token: str = "") -> None:
    hub: BidHub = websocket.app.state.hub
    seller_id = sessions.resolve(token)
    if seller_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    hub.seller_sockets[seller_id] = websocket
    while True:
        raw = await websocket.receive_text()
        command = json.loads(raw)
        if command.get("type") == "ack":
            log.debug("seller %s acked %s", seller_id, command.get("event_id"))
