from __future__ import annotations

import asyncio
from datetime import date

from fastapi import APIRouter, WebSocket

from ..deps import authenticate_ws
from ..services.dashboard import encode_update

router = APIRouter()


@router.websocket("/ws/dashboard")
async def dashboard_feed(websocket: WebSocket) -> None:
    tenant = await authenticate_ws(websocket)
    if tenant is None:
        await websocket.close(code=4401)
        return
    container = websocket.app.state.container
    hub = container.hub
    if hub.connection_count(tenant.id) >= container.settings.ws_max_per_tenant:
        await websocket.close(code=4429)
        return
    await websocket.accept()
    await hub.register(tenant.id, websocket)
    await websocket.send_text(encode_update("hello", {"tenant_id": tenant.id}))
    idle = container.settings.ws_idle_seconds
    while True:
        try:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=idle)
        except asyncio.TimeoutError:
            await websocket.send_text(encode_update("ping", {}))
            continue
        if message.get("type") == "refresh":
            summary = await container.dashboard.day_summary(tenant.id, date.today(), message.get("currency", "USD"))
            await websocket.send_text(encode_update("summary", summary))

