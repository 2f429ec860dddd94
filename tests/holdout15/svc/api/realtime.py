"""Websockets: customers tracking an order, courier position streams, kitchen displays."""
from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Query, WebSocket, WebSocketDisconnect, status

from svc.api.deps import get_order_service
from svc.config import get_settings
from svc.errors import NotFound
from svc.realtime import kitchen_screens
from svc.realtime.tracking import TrackingHub
from svc.repositories.orders import OrderRepository
from svc.services.auth import verify_token
from svc.services.orders import OrderService
from svc.workers.locations import LocationBuffer, PositionFix

logger = logging.getLogger(__name__)
router = APIRouter()

_MAX_FRAME = 2048


@router.websocket("/ws/orders/{order_id}")
async def track_order(websocket: WebSocket, order_id: int, token: Annotated[str, Query()]) -> None:
    customer_id = verify_token(token, get_settings().customer_token_secret)
    if customer_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    try:
        order = await OrderRepository(websocket.app.state.db).get(order_id)
    except NotFound:
        order = None
    if order is None or order["customer_id"] != customer_id:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    hub: TrackingHub = websocket.app.state.tracking
    await websocket.accept()
    if not await hub.watch(order_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        await websocket.send_json({"status": order["status"]})
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=60)
            if len(message) > _MAX_FRAME:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                return
            if message == "ping":
                await websocket.send_text("pong")
    except TimeoutError:
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    except WebSocketDisconnect:
        pass
    finally:
        hub.unwatch(order_id, websocket)


@router.websocket("/ws/courier")
async def courier_stream(websocket: WebSocket, token: Annotated[str, Query()]) -> None:
    settings = get_settings()
    courier_id = verify_token(token, settings.courier_token_secret)
    if courier_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    slots: asyncio.Semaphore = websocket.app.state.courier_slots
    if slots.locked():
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    buffer: LocationBuffer = websocket.app.state.locations
    async with slots:
        await websocket.accept()
        try:
            while True:
                raw = await asyncio.wait_for(websocket.receive_text(), timeout=settings.courier_idle_seconds)
                if len(raw) > _MAX_FRAME:
                    await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                    return
                if raw == "ping":
                    await websocket.send_text("pong")
                    continue
                buffer.offer(PositionFix.from_message(courier_id, raw))
        except TimeoutError:
            await websocket.close(code=status.WS_1001_GOING_AWAY)
        except WebSocketDisconnect:
            logger.debug("courier %s disconnected", courier_id)


@router.websocket("/ws/kitchen/{restaurant_id}")
async def kitchen_display(
    websocket: WebSocket, restaurant_id: int, service: Annotated[OrderService, Depends(get_order_service)]
) -> None:
    await websocket.accept()
    kitchen_screens.attach(restaurant_id, websocket)
    while True:
        message = await websocket.receive_json()
        if message.get("type") == "bump":
            await service.mark_ready(int(message["order_id"]))
