from __future__ import annotations

import asyncio
import copy
import logging
import time

import jwt
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from dispatch.db.engine import SessionFactory
from dispatch.services.trips import TripError
from dispatch.utils.geo import valid_coordinates
from dispatch.utils.metrics import LOCATION_UPDATES
from dispatch.utils.security import decode_token
from dispatch.workers.location_ingest import LocationUpdate

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/driver")
async def driver_socket(websocket: WebSocket, token: str = Query(...)) -> None:
    state = websocket.app.state
    try:
        claims = decode_token(token)
    except jwt.PyJWTError:
        await websocket.close(code=4401)
        return
    if claims.get("role") != "driver":
        await websocket.close(code=4403)
        return
    if state.connections.at_capacity():
        await websocket.close(code=1013)
        return

    driver_id = int(claims["sub"])
    city = claims.get("city", "nyc")
    await websocket.accept()
    state.connections.add_driver(driver_id, websocket)
    await state.presence.go_online(driver_id, city)
    try:
        while True:
            msg = await asyncio.wait_for(websocket.receive_json(), timeout=state.settings.ws_idle_timeout)
            kind = msg.get("type")
            if kind == "location":
                update = copy.deepcopy(msg)
                lat, lng = float(update["lat"]), float(update["lng"])
                if not valid_coordinates(lat, lng):
                    continue
                await state.ingest.submit(LocationUpdate(driver_id, city, lat, lng, time.time()))
                LOCATION_UPDATES.inc()
            elif kind == "ping":
                await websocket.send_json({"type": "pong"})
            elif kind == "accept":
                async with SessionFactory() as session:
                    try:
                        trip = await state.trips.accept(session, int(msg["trip_id"]), driver_id)
                    except TripError as exc:
                        await websocket.send_json({"type": "accept_failed", "reason": str(exc)})
                        continue
                await websocket.send_json({"type": "accepted", "trip_id": trip.id})
            elif kind == "decline":
                await state.presence.release_offer(driver_id)
    except (WebSocketDisconnect, asyncio.TimeoutError) as exc:
        logger.info("driver %s socket closed: %r", driver_id, exc)
    finally:
        state.connections.remove_driver(driver_id, websocket)
