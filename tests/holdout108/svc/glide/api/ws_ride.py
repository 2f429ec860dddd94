from __future__ import annotations

import asyncio
import json
import logging
import uuid

from starlette.websockets import WebSocket, WebSocketDisconnect

from glide.api.deps import container
from glide.repositories.rides import RideRepository
from glide.repositories.vehicles import VehicleRepository

log = logging.getLogger(__name__)

PUSH_INTERVAL_S = 3


async def live_ride(websocket: WebSocket) -> None:
    """Streams the rider's current position, fare so far and speed limit while a ride is active."""
    c = container(websocket)
    rider_id = uuid.UUID(websocket.query_params["rider_id"])
    await websocket.accept()
    try:
        while True:
            async with c.sessions() as session:
                ride = await RideRepository(session).active_for_rider(rider_id)
                if ride is None:
                    await websocket.send_json({"type": "ended"})
                    break
                vehicle = await VehicleRepository(session).get(ride.vehicle_id)
            live = await c.redis.hgetall(f"veh:{vehicle.iot_device_id}") if vehicle else {}
            lat = float(live.get("lat", vehicle.lat if vehicle else 0.0))
            lon = float(live.get("lon", vehicle.lon if vehicle else 0.0))
            await websocket.send_text(
                json.dumps(
                    {
                        "type": "position",
                        "lat": lat,
                        "lon": lon,
                        "speed_limit": c.geofence.speed_limit_at(vehicle.city_id, lat, lon) if vehicle else None,
                        "no_parking": c.geofence.is_no_parking(vehicle.city_id, lat, lon) if vehicle else False,
                    }
                )
            )
            await asyncio.sleep(PUSH_INTERVAL_S)
    except WebSocketDisconnect:
        return
