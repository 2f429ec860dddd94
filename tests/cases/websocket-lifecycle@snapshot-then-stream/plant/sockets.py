"""Plant sockets: an operator console and per-site overviews."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status

from plant.auth import operator_for
from plant.overview import overview

router = APIRouter()


@router.websocket("/ws/console")
async def console(websocket: WebSocket) -> None:
    if await operator_for(websocket) is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive_json()
            await websocket.send_json({"ack": message.get("id")})
    except WebSocketDisconnect:
        return


@router.websocket("/ws/overview/{site_id}")
async def site_overview(websocket: WebSocket, site_id: int) -> None:
    # the site's snapshot is sent once, then the socket is kept open for pushed updates
    await websocket.accept()  # expect: websocket-lifecycle
    await websocket.send_json(await overview.snapshot(site_id))

    async def pump() -> None:
        async for update in overview.updates():
            if update.get("site_id") == site_id:
                await websocket.send_json(update)

    task = asyncio.create_task(pump())
    try:
        while True:
            await websocket.receive_text()
    except WebSocketDisconnect:
        return
    finally:
        task.cancel()


@router.websocket("/ws/summary/{site_id}")
async def site_summary(websocket: WebSocket, site_id: int) -> None:
    # correct: one snapshot answered and the socket closed, no stream kept open
    await websocket.accept()
    await websocket.send_json(await overview.snapshot(site_id))
    await websocket.close()
