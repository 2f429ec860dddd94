"""Websockets (seller feed, order tracking, buyer-seller conversations) and the buyer SSE stream."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Query, Request, WebSocket, WebSocketDisconnect, status
from fastapi.responses import StreamingResponse

from svc.api.deps import current_buyer, ws_token_subject
from svc.db.models import Buyer, ConversationMessage
from svc.realtime.buyers import TrackingHub
from svc.realtime.sellers import SellerFeed, Subscriber, TooManyConnections

log = logging.getLogger(__name__)

router = APIRouter(tags=["realtime"])

_HEARTBEAT_SECONDS = 20.0
_SSE_KEEPALIVE_SECONDS = 15.0


async def _pump(websocket: WebSocket, subscriber: Subscriber) -> None:
    while True:
        try:
            event = await asyncio.wait_for(subscriber.queue.get(), timeout=_HEARTBEAT_SECONDS)
        except asyncio.TimeoutError:
            if subscriber.dropped:
                await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
                return
            event = {"type": "heartbeat"}
        await websocket.send_json(event)


@router.websocket("/ws/sellers/feed")
async def seller_feed_ws(websocket: WebSocket, token: str = Query(...)) -> None:
    state = websocket.app.state
    seller_id = await ws_token_subject(state.redis, "seller", token)
    if seller_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    feed: SellerFeed = state.seller_feed
    try:
        subscriber = feed.subscribe(seller_id)
    except TooManyConnections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    sender: asyncio.Task[None] | None = None
    try:
        await websocket.accept()
        sender = asyncio.create_task(_pump(websocket, subscriber))
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=state.settings.ws_idle_timeout)
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        feed.unsubscribe(subscriber)
        if sender is not None:
            sender.cancel()
            await asyncio.gather(sender, return_exceptions=True)


@router.websocket("/ws/orders/{order_id}")
async def order_tracking_ws(websocket: WebSocket, order_id: int, token: str = Query(...)) -> None:
    state = websocket.app.state
    buyer_id = await ws_token_subject(state.redis, f"order:{order_id}", token)
    if buyer_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: TrackingHub = state.tracking
    await websocket.accept()
    hub.register(order_id, websocket)
    try:
        while True:
            await asyncio.wait_for(websocket.receive_text(), timeout=state.settings.ws_idle_timeout)
    except WebSocketDisconnect:
        return
    except asyncio.TimeoutError:
        await websocket.close(code=status.WS_1000_NORMAL_CLOSURE)


@router.websocket("/ws/conversations/{conversation_id}")
async def conversation_ws(websocket: WebSocket, conversation_id: int) -> None:
    await websocket.accept()
    sessions = websocket.app.state.sessions
    while True:
        payload = await websocket.receive_json()
        async with sessions() as session:
            message = ConversationMessage(
                conversation_id=conversation_id, sender_id=int(payload["sender_id"]), body=str(payload["body"])
            )
            session.add(message)
            await session.commit()
        await websocket.send_json({"type": "ack", "id": message.id})


@router.get("/buyers/me/events")
async def buyer_events(request: Request, buyer: Buyer = Depends(current_buyer)) -> StreamingResponse:
    broker = request.app.state.buyer_events
    queue = broker.open(buyer.id)

    async def stream() -> AsyncIterator[str]:
        try:
            while not await request.is_disconnected():
                try:
                    event = await asyncio.wait_for(queue.get(), timeout=_SSE_KEEPALIVE_SECONDS)
                except asyncio.TimeoutError:
                    yield ": keep-alive\n\n"
                    continue
                yield f"event: {event['type']}\ndata: {json.dumps(event, default=str)}\n\n"
        finally:
            broker.close(buyer.id, queue)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
