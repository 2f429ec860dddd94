from __future__ import annotations

import asyncio
import json
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from glide.api.deps import claims, container
from glide.errors import GlideError
from glide.repositories.vehicles import VehicleRepository

log = logging.getLogger(__name__)


async def follow_vehicle(websocket: WebSocket) -> None:
    """Lets an operator follow one vehicle's raw telemetry."""
    c = container(websocket)
    try:
        await claims(websocket, "operator")
    except GlideError:
        await websocket.close(code=4401)
        return
    qr = websocket.path_params["qr"]
    async with c.sessions() as session:
        vehicle = await VehicleRepository(session).get_by_qr(qr)
    await websocket.accept()
    pubsub = c.redis.pubsub()
    await pubsub.subscribe(f"device:{vehicle.iot_device_id}")
    while True:
        message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=5.0)
        if message is None:
            try:
                await asyncio.wait_for(websocket.receive_text(), timeout=0.01)
            except asyncio.TimeoutError:
                continue
            except WebSocketDisconnect:
                return
            continue
        try:
            await websocket.send_text(json.dumps({"type": "telemetry", "data": message["data"]}))
        except WebSocketDisconnect:
            return
