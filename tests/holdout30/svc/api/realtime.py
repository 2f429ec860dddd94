from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from svc.api.deps import Container
from svc.services.events import DashboardChannel

log = logging.getLogger(__name__)

router = APIRouter()


async def _tenant_for_token(container: Container, token: str | None) -> uuid.UUID | None:
    if not token:
        return None
    tenant = await container.cache_redis.get(f"ar:ws-token:{token}")
    return uuid.UUID(tenant) if tenant else None


@router.websocket("/ws/payments")
async def payments_feed(websocket: WebSocket) -> None:
    container: Container = websocket.app.state.container
    await websocket.accept()
    tenant_id = await _tenant_for_token(container, websocket.query_params.get("token"))
    if tenant_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    container.hub.attach(tenant_id, websocket)
    while True:
        await websocket.receive_text()


@router.websocket("/ws/customers/{customer_id}/payments")
async def customer_payments_feed(websocket: WebSocket, customer_id: uuid.UUID) -> None:
    container: Container = websocket.app.state.container
    tenant_id = await _tenant_for_token(container, websocket.query_params.get("token"))
    if tenant_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    feed_hub = container.hub
    await websocket.accept()
    feed_hub.attach(tenant_id, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=container.settings.ws_idle_timeout)
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        feed_hub.detach(tenant_id, websocket)


@router.websocket("/ws/alerts")
async def alerts_feed(websocket: WebSocket) -> None:
    container: Container = websocket.app.state.container
    tenant_id = await _tenant_for_token(container, websocket.query_params.get("token"))
    if tenant_id is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    if container.hub.connection_count >= container.settings.ws_max_connections:
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    idle_timeout = container.settings.ws_idle_timeout
    await websocket.accept()
    channel = DashboardChannel(websocket, tenant_id, container.settings.ws_send_timeout)
    container.hub.attach_channel(channel)
    pump = asyncio.create_task(channel.pump())
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=idle_timeout)
            if len(message) > 1024:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if message == "ping":
                channel.offer({"type": "pong"})
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    except Exception:
        log.exception("alerts websocket failed", extra={"tenant": str(tenant_id)})
    finally:
        container.hub.detach_channel(channel)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pump
