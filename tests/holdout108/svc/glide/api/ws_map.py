from __future__ import annotations

import asyncio
import json
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from glide.api.deps import claims, container
from glide.errors import GlideError
from glide.models import VehicleStatus
from glide.repositories.vehicles import VehicleRepository

log = logging.getLogger(__name__)


async def operator_map(websocket: WebSocket) -> None:
    c = container(websocket)
    try:
        await claims(websocket, "operator")
    except GlideError:
        await websocket.close(code=4401)
        return
    city_id = int(websocket.query_params.get("city_id", "1"))
    await websocket.accept()
    async with c.sessions() as session:
        vehicles = list(await VehicleRepository(session).list_for_city(city_id))
    await websocket.send_json({"type": "snapshot", "vehicles": await c.map_hub.snapshot(vehicles)})
    c.map_hub.register(websocket, city_id)
    while True:
        try:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=60)
        except asyncio.TimeoutError:
            await websocket.send_json({"type": "ping"})
            continue
        except WebSocketDisconnect:
            log.info("operator map socket closed")
            return
        data = json.loads(message)
        if data.get("type") == "filter":
            statuses = [VehicleStatus(s) for s in data.get("statuses", [])]
            async with c.sessions() as session:
                subset = await VehicleRepository(session).list_for_city(city_id, statuses)
            await websocket.send_json({"type": "snapshot", "vehicles": await c.map_hub.snapshot(list(subset))})
