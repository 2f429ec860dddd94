"""Host floor view: layout, live status, seating, POS checks and live sockets."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Response, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.pool import get_session
from svc.deps import HostPrincipal, decode_host_token, get_floor_service, require_host
from svc.realtime.hub import FloorHub
from svc.repositories.orm import TableRepository
from svc.services.floor import FloorService

logger = logging.getLogger(__name__)
router = APIRouter(tags=["floor"])


class SeatRequest(BaseModel):
    reservation_id: int
    table_id: int


def _check_venue(host: HostPrincipal, venue_id: int) -> None:
    if venue_id not in host.venue_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a host of this venue")


@router.get("/venues/{venue_id}/floor")
async def live_floor(venue_id: int, host: HostPrincipal = Depends(require_host), floor: FloorService = Depends(get_floor_service)) -> dict[str, Any]:
    _check_venue(host, venue_id)
    return await floor.live_floor(venue_id)


@router.get("/venues/{venue_id}/floorplan.svg")
def floorplan_drawing(venue_id: int) -> Response:
    path = Path(settings.floorplan_dir) / f"{venue_id}.svg"
    if not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no floor plan drawing")
    return Response(content=path.read_bytes(), media_type="image/svg+xml")


@router.put("/venues/{venue_id}/floor/layout", status_code=204)
async def update_layout(venue_id: int, plan: dict[str, Any], host: HostPrincipal = Depends(require_host), floor: FloorService = Depends(get_floor_service)) -> None:
    _check_venue(host, venue_id)
    await floor.update_layout(venue_id, plan)


@router.delete("/venues/{venue_id}/floor/layout", status_code=204)
async def reset_layout(venue_id: int, host: HostPrincipal = Depends(require_host), floor: FloorService = Depends(get_floor_service)) -> None:
    _check_venue(host, venue_id)
    await floor.reset_layout(venue_id)


@router.post("/venues/{venue_id}/floor/seat", status_code=204)
async def seat(
    venue_id: int,
    body: SeatRequest,
    host: HostPrincipal = Depends(require_host),
    floor: FloorService = Depends(get_floor_service),
    session: AsyncSession = Depends(get_session),
) -> None:
    _check_venue(host, venue_id)
    table = await TableRepository(session).get(body.table_id)
    if table.venue_id != venue_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "table not found")
    await floor.seat_party(venue_id, body.reservation_id, body.table_id)


@router.post("/venues/{venue_id}/floor/tables/{table_id}/walk-in")
async def seat_from_waitlist(venue_id: int, table_id: int, host: HostPrincipal = Depends(require_host), floor: FloorService = Depends(get_floor_service)) -> dict[str, Any]:
    _check_venue(host, venue_id)
    entry = await floor.promote_waitlist(venue_id, table_id)
    if entry is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "nobody is waiting")
    return entry


@router.get("/venues/{venue_id}/floor/checks")
async def open_checks(venue_id: int, section: str | None = None, host: HostPrincipal = Depends(require_host), floor: FloorService = Depends(get_floor_service)) -> dict[str, Any]:
    _check_venue(host, venue_id)
    if section:
        return await floor.checks_for_section(venue_id, section)
    return await floor.checks_for_venue(venue_id)


@router.websocket("/ws/venues/{venue_id}/floor")
async def host_floor_ws(websocket: WebSocket, venue_id: int) -> None:
    principal = decode_host_token(websocket.query_params.get("token", ""))
    if principal is None or venue_id not in principal.venue_ids:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: FloorHub = websocket.app.state.hub
    floor: FloorService = websocket.app.state.floor
    await websocket.accept()
    if not await hub.register(venue_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    await websocket.send_json(await floor.live_floor(venue_id))
    while True:
        command = await websocket.receive_json()
        if command.get("type") == "seat":
            await floor.seat_party(venue_id, int(command["reservation_id"]), int(command["table_id"]))
        elif command.get("type") == "refresh":
            await websocket.send_json(await floor.live_floor(venue_id))


@router.websocket("/ws/venues/{venue_id}/tablet")
async def table_tablet_ws(websocket: WebSocket, venue_id: int) -> None:
    principal = decode_host_token(websocket.query_params.get("token", ""))
    if principal is None or venue_id not in principal.venue_ids:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: FloorHub = websocket.app.state.hub
    await websocket.accept()
    if not await hub.register(venue_id, websocket):
        await websocket.close(code=status.WS_1013_TRY_AGAIN_LATER)
        return
    try:
        while True:
            message = await asyncio.wait_for(websocket.receive_text(), timeout=settings.ws_idle_timeout_seconds)
            if len(message) > 4096:
                await websocket.close(code=status.WS_1009_MESSAGE_TOO_BIG)
                break
            if message == "ping":
                await websocket.send_text("pong")
    except WebSocketDisconnect:
        logger.debug("tablet for venue %s disconnected", venue_id)
    except asyncio.TimeoutError:
        logger.info("closing idle tablet socket for venue %s", venue_id)
        await websocket.close(code=status.WS_1001_GOING_AWAY)
    finally:
        hub.unregister(venue_id, websocket)
