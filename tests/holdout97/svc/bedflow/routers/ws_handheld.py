from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from ..container import Container
from ..realtime.handheld_hub import HandheldConnection

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/handheld")
async def handheld_socket(websocket: WebSocket) -> None:
    container: Container = websocket.app.state.container
    housekeeper_id = websocket.query_params.get("housekeeper_id")
    if not housekeeper_id:
        await websocket.close(code=4400)
        return
    await websocket.accept()
    conn = HandheldConnection(websocket, housekeeper_id)
    container.handheld_hub.register(conn)
    writer = asyncio.create_task(container.handheld_hub.writer(conn))
    try:
        async with container.sessions() as session:
            for task in await container.cleaning(session).tasks_for(housekeeper_id):
                conn.offer({"type": "cleaning_task", **task})
        while True:
            message = await websocket.receive_json()
            kind = message.get("type")
            if kind == "ping":
                conn.offer({"type": "pong"})
                continue
            async with container.sessions() as session:
                service = container.cleaning(session)
                if kind == "claim":
                    await service.claim(int(message["task_id"]), housekeeper_id)
                elif kind == "complete":
                    await service.complete(int(message["task_id"]), housekeeper_id)
                elif kind == "next":
                    await service.assign_next(housekeeper_id)
    except WebSocketDisconnect:
        logger.info("handheld %s disconnected", housekeeper_id)
    finally:
        container.handheld_hub.unregister(conn)
        writer.cancel()
