"""Rider app websocket: live position of the assigned driver."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, status

from svc.db.engine import session_factory
from svc.repositories.trip_repo import TripRepository
from svc.utils.geo import Point
from svc.utils.security import decode_token

logger = logging.getLogger(__name__)
router = APIRouter()

TICK_SECONDS = 3


@router.websocket("/ws/trips/{trip_id}")
async def trip_tracking(websocket: WebSocket, trip_id: int) -> None:
    claims = decode_token(websocket.query_params.get("token", ""))
    async with session_factory()() as session:
        trip = await TripRepository(session).get(trip_id)
    if trip is None or str(trip.rider_id) != claims.get("sub"):
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return

    hub = websocket.app.state.hub
    locations = websocket.app.state.locations
    maps = websocket.app.state.maps
    pickup = Point(trip.pickup_lat, trip.pickup_lng)

    await websocket.accept()
    hub.watch_trip(trip_id, websocket)
    while True:
        if trip.driver_id is not None:
            position = await locations.position(trip.driver_id)
            if position is not None:
                eta = await maps.eta_seconds(position, pickup)
                await websocket.send_json(
                    {"type": "driver_position", "lat": position.lat, "lng": position.lng, "eta_s": eta}
                )
        await asyncio.sleep(TICK_SECONDS)
