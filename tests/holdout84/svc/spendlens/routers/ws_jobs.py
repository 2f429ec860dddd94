from __future__ import annotations

import asyncio

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio.client import PubSub

from ..deps import authenticate_ws
from ..redis_client import job_channel

router = APIRouter()


async def _pump(pubsub: PubSub, websocket: WebSocket) -> None:
    async for message in pubsub.listen():
        if message["type"] == "message":
            await websocket.send_text(message["data"])


@router.websocket("/ws/jobs/{job_id}")
async def job_progress(websocket: WebSocket, job_id: str) -> None:
    tenant = await authenticate_ws(websocket)
    if tenant is None:
        await websocket.close(code=4401)
        return
    container = websocket.app.state.container
    if container.reports.get_job(tenant.id, job_id) is None:
        await websocket.close(code=4404)
        return
    await websocket.accept()
    pubsub = container.redis.pubsub()
    await pubsub.subscribe(job_channel(job_id))
    pump = asyncio.create_task(_pump(pubsub, websocket))
    try:
        while True:
            text = await asyncio.wait_for(websocket.receive_text(), timeout=container.settings.ws_idle_seconds * 2)
            if text == "close":
                break
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    await pubsub.unsubscribe()
    await pubsub.aclose()
