"""Per-tenant live event stream (opens, clicks, bounces) fed from redis pub/sub,
so it works whichever replica the browser lands on."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import Counter

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from mailroom.db.engine import SessionLocal
from mailroom.services.auth import authenticate

log = logging.getLogger(__name__)
router = APIRouter()

HEARTBEAT_S = 20
MAX_PER_TENANT = 10
_open_per_tenant: Counter[str] = Counter()


async def _pump(ws: WebSocket, pubsub) -> None:
    async for message in pubsub.listen():
        if message.get("type") != "message":
            continue
        await asyncio.wait_for(ws.send_text(message["data"]), timeout=5)


@router.websocket("/ws/events")
async def tenant_events(ws: WebSocket):
    api_key = ws.query_params.get("key", "")
    async with SessionLocal() as session:
        tenant = await authenticate(session, api_key)
    if tenant is None:
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    tkey = str(tenant.id)
    if _open_per_tenant[tkey] >= MAX_PER_TENANT:
        await ws.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    _open_per_tenant[tkey] += 1
    pubsub = ws.app.state.container.redis.pubsub()
    pump: asyncio.Task | None = None
    try:
        await ws.accept()
        await pubsub.subscribe(f"events:{tkey}")
        pump = asyncio.create_task(_pump(ws, pubsub))
        while True:
            text = await asyncio.wait_for(ws.receive_text(), timeout=HEARTBEAT_S * 2)
            if text == "ping":
                await ws.send_text(json.dumps({"type": "pong"}))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        if pump is not None:
            pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await pump
        await pubsub.unsubscribe(f"events:{tkey}")
        await pubsub.aclose()
        _open_per_tenant[tkey] -= 1
