from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

logger = logging.getLogger(__name__)

router = APIRouter()

IDLE_TIMEOUT_S = 60


@router.websocket("/ws/gateway")
async def gateway_config_channel(websocket: WebSocket) -> None:
    container = websocket.app.state.container
    service = container.gateway_config
    await websocket.accept()
    try:
        hello = await asyncio.wait_for(websocket.receive_json(), timeout=10)
    except (asyncio.TimeoutError, WebSocketDisconnect):
        await websocket.close()
        return
    node_id = str(hello.get("node_id", ""))[:64]
    if not node_id:
        await websocket.close(code=4400)
        return
    service.register(node_id, websocket)
    logger.info("gateway node %s connected", node_id)
    try:
        await websocket.send_json({"type": "config", "reason": "hello", "config": await service.snapshot()})
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=IDLE_TIMEOUT_S)
            if message.get("type") == "heartbeat":
                await websocket.send_json({"type": "heartbeat_ack"})
            elif message.get("type") == "applied":
                logger.info("node %s applied config %s", node_id, message.get("version"))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        logger.info("gateway node %s disconnected", node_id)
    finally:
        service.unregister(node_id, websocket)
