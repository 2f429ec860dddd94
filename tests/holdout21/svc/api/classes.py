"""Schedules, bookings, waitlists, instructor tools and live leaderboards."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import APIRouter, Depends, Query, WebSocket, WebSocketDisconnect, status
from pydantic import BaseModel

from svc.config import get_settings
from svc.deps import (
    Principal,
    attendance_tracker,
    booking_service,
    class_service,
    current_principal,
    decode_token,
    phase_store,
    staff_principal,
    waitlist_service,
)
from svc.errors import FitError
from svc.services.bookings import BookingService
from svc.services.classes import AttendanceTracker, ClassPhaseStore, ClassService
from svc.services.leaderboard import LeaderboardHub, Viewer
from svc.services.waitlist import WaitlistService

logger = logging.getLogger(__name__)
router = APIRouter(tags=["classes"])


class WalkIn(BaseModel):
    member_id: int


class Phase(BaseModel):
    phase: str
    minutes: int


@router.get("/gyms/{gym_id}/schedule")
async def schedule(gym_id: int, classes: ClassService = Depends(class_service)) -> list[dict[str, Any]]:
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return await classes.schedule(gym_id, today)


@router.get("/gyms/{gym_id}/classes/search")
async def search_classes(
    gym_id: int, q: str = Query(min_length=2, max_length=60), classes: ClassService = Depends(class_service)
) -> list[dict[str, Any]]:
    return await classes.search(gym_id, q)


@router.get("/classes/{class_id}")
async def class_detail(class_id: int, classes: ClassService = Depends(class_service)) -> dict[str, Any]:
    return await classes.detail(class_id)


@router.post("/classes/{class_id}/bookings", status_code=status.HTTP_201_CREATED)
async def book_class(
    class_id: int,
    principal: Principal = Depends(current_principal),
    bookings: BookingService = Depends(booking_service),
) -> dict[str, int]:
    return {"booking_id": await bookings.book(principal.member_id, class_id)}


@router.delete("/classes/{class_id}/bookings/me", status_code=status.HTTP_204_NO_CONTENT)
async def cancel_booking(
    class_id: int,
    principal: Principal = Depends(current_principal),
    bookings: BookingService = Depends(booking_service),
) -> None:
    await bookings.cancel(principal.member_id, class_id)


@router.post("/classes/{class_id}/waitlist", status_code=status.HTTP_201_CREATED)
async def join_waitlist(
    class_id: int,
    principal: Principal = Depends(current_principal),
    waitlist: WaitlistService = Depends(waitlist_service),
) -> dict[str, int]:
    return {"position": await waitlist.join(principal.member_id, class_id)}


@router.delete("/classes/{class_id}/waitlist/me", status_code=status.HTTP_204_NO_CONTENT)
async def leave_waitlist(
    class_id: int,
    principal: Principal = Depends(current_principal),
    waitlist: WaitlistService = Depends(waitlist_service),
) -> None:
    await waitlist.leave(principal.member_id, class_id)


@router.get("/instructor/classes/{class_id}/roster")
async def roster(
    class_id: int, _: Principal = Depends(staff_principal), bookings: BookingService = Depends(booking_service)
) -> list[dict[str, Any]]:
    return await bookings.roster(class_id)


@router.get("/instructor/classes/{class_id}/contacts")
async def roster_contacts(
    class_id: int, _: Principal = Depends(staff_principal), bookings: BookingService = Depends(booking_service)
) -> list[dict[str, Any]]:
    return await bookings.roster_with_contacts(class_id)


@router.post("/instructor/classes/{class_id}/walk-ins", status_code=status.HTTP_201_CREATED)
async def add_walk_in(
    class_id: int,
    body: WalkIn,
    _: Principal = Depends(staff_principal),
    bookings: BookingService = Depends(booking_service),
) -> dict[str, int]:
    return {"booking_id": await bookings.add_walk_in(class_id, body.member_id)}


@router.get("/instructor/week")
async def my_week(
    principal: Principal = Depends(staff_principal), classes: ClassService = Depends(class_service)
) -> list[dict[str, Any]]:
    now = datetime.now(timezone.utc)
    return await classes.instructor_week(principal.member_id, now - timedelta(days=now.weekday()))


@router.post("/instructor/classes/{class_id}/attendance/{member_id}")
async def mark_present(
    class_id: int,
    member_id: int,
    _: Principal = Depends(staff_principal),
    tracker: AttendanceTracker = Depends(attendance_tracker),
) -> dict[str, int]:
    return {"present": tracker.mark(class_id, member_id)}


@router.put("/instructor/classes/{class_id}/phase", status_code=status.HTTP_204_NO_CONTENT)
async def set_phase(
    class_id: int,
    body: Phase,
    _: Principal = Depends(staff_principal),
    phases: ClassPhaseStore = Depends(phase_store),
) -> None:
    await phases.set_phase(class_id, body.phase, datetime.now(timezone.utc) + timedelta(minutes=body.minutes))


async def _drain_outbox(viewer: Viewer) -> None:
    while True:
        message = await viewer.outbox.get()
        await viewer.ws.send_text(message)


@router.websocket("/classes/{class_id}/leaderboard/ws")
async def leaderboard_ws(websocket: WebSocket, class_id: int, token: str = Query()) -> None:
    settings = get_settings()
    principal = decode_token(token, settings)
    hub: LeaderboardHub = websocket.app.state.leaderboard
    await websocket.accept()
    viewer = Viewer(ws=websocket, member_id=principal.member_id)
    if await hub.add_viewer(class_id, viewer) > settings.max_viewers_per_class:
        await websocket.close(code=1013, reason="class is at viewer capacity")
        return
    writer = asyncio.create_task(_drain_outbox(viewer))
    await websocket.send_json({"type": "snapshot", "top": hub.snapshot(class_id)[:10]})
    while True:
        message = await websocket.receive_text()
        if message == "ping":
            await websocket.send_text("pong")
        elif message == "bye":
            writer.cancel()
            await hub.remove_viewer(class_id, viewer)
            return


@router.websocket("/classes/{class_id}/console/ws")
async def instructor_console(websocket: WebSocket, class_id: int) -> None:
    hub: LeaderboardHub = websocket.app.state.leaderboard
    await websocket.accept()
    try:
        while True:
            command = await websocket.receive_json()
            if command.get("type") == "announce":
                hub.announce(class_id, str(command["text"])[:280])
            elif command.get("type") == "bonus":
                await hub.record_effort(class_id, int(command["member_id"]), float(command["points"]))
            elif command.get("type") == "reset":
                await hub.reset_class(class_id)
            elif command.get("type") == "end":
                final = await hub.class_ended(class_id)
                await websocket.send_json({"type": "final", "standings": final[:10]})
            else:
                raise FitError("unknown console command")
    except WebSocketDisconnect:
        logger.info("instructor console for class %s disconnected", class_id)
