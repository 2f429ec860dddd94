"""Customer trip socket: live fuel/charge and trip status for the reservation in progress."""
from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect

from ..db import SessionFactory
from ..models import Reservation
from ..repositories import ReservationRepository, TelemetryRepository
from ..services.hubs import TripHub
from ..settings import get_settings
from ..utils.security import TokenError, decode_token

logger = logging.getLogger(__name__)
router = APIRouter()


async def _trip_status(websocket: WebSocket, reservation: Reservation) -> dict[str, Any]:
    status: dict[str, Any] = {"type": "status", "status": reservation.status, "ends_at": reservation.ends_at.isoformat()}
    live = reservation.status == "active" or "overdue"
    if live and reservation.vehicle_id is not None:
        latest = await TelemetryRepository(websocket.app.state.pg_pool).latest_for_vehicle(reservation.vehicle_id)
        if latest is not None:
            status.update(
                fuel_pct=latest["fuel_pct"],
                charge_pct=latest["charge_pct"],
                lat=latest["lat"],
                lon=latest["lon"],
                at=latest["recorded_at"].isoformat(),
            )
    return status


@router.websocket("/ws/trips/{reservation_id}")
async def trip_socket(websocket: WebSocket, reservation_id: uuid.UUID, token: str = Query(...)) -> None:
    settings = get_settings()
    try:
        claims = decode_token(token, settings.jwt_secret)
    except TokenError:
        await websocket.close(code=4401)
        return
    async with SessionFactory() as session:
        reservation = await ReservationRepository(session).get(reservation_id)
    if reservation is None or str(reservation.customer_id) != claims["sub"]:
        await websocket.close(code=4403)
        return

    await websocket.accept()
    hub: TripHub = websocket.app.state.trip_hub
    key = str(reservation_id)
    await hub.add(key, websocket)
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_json(), timeout=settings.ws_idle_seconds)
            kind = message.get("type")
            if kind == "ping":
                await websocket.send_json({"type": "pong"})
            elif kind == "status":
                async with SessionFactory() as session:
                    fresh = await ReservationRepository(session).get(reservation_id)
                if fresh is not None:
                    await websocket.send_json(await _trip_status(websocket, fresh))
    except (WebSocketDisconnect, asyncio.TimeoutError):
        pass
    finally:
        await hub.discard(key, websocket)
