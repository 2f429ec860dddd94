from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories.catalog import EventRepository
from ..security import Principal, current_principal
from ..services.waitlist import WaitlistClosed, WaitlistService
from .deps import db_session, waitlist_service

router = APIRouter(prefix="/events", tags=["events"])


def _summary(event: Any) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "venue_id": event.venue_id,
        "status": event.status,
    }


@router.get("")
async def list_upcoming(limit: int = Query(50, le=200), session: AsyncSession = Depends(db_session)) -> list[dict]:
    events = await EventRepository(session).upcoming(datetime.now(UTC), limit)
    return [_summary(e) for e in events]


@router.get("/search")
async def search(q: str = Query(..., min_length=2), session: AsyncSession = Depends(db_session)) -> list[dict]:
    return [_summary(e) for e in await EventRepository(session).search(q)]


@router.get("/{event_id}")
async def event_detail(event_id: int, request: Request) -> dict[str, Any]:
    detail = await request.app.state.event_service.detail(event_id)
    if detail is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="event not found")
    detail["on_sale"] = request.app.state.event_service.on_sale(detail)
    return detail


@router.get("/{event_id}/seats")
async def seat_map(event_id: int, request: Request, session: AsyncSession = Depends(db_session)) -> dict[str, Any]:
    event = await EventRepository(session).get(event_id)
    if event is None:
        raise HTTPException(status_code=404, detail="event not found")
    return await request.app.state.seatmap.availability(event_id, event.venue_id)


@router.get("/{event_id}/best-available")
async def best_available(
    event_id: int,
    section_id: int,
    request: Request,
    quantity: int = Query(2, ge=1, le=10),
    session: AsyncSession = Depends(db_session),
) -> dict[str, list[int]]:
    event = await EventRepository(session).get(event_id)
    if event is None:
        raise HTTPException(status_code=404, detail="event not found")
    seats = await request.app.state.seatmap.best_available(event_id, event.venue_id, section_id, quantity)
    return {"seat_ids": seats}


waitlist_router = APIRouter(prefix="/events/{event_id}/waitlist", tags=["waitlist"])


@waitlist_router.post("", status_code=201)
async def join_waitlist(
    event_id: int,
    principal: Principal = Depends(current_principal),
    service: WaitlistService = Depends(waitlist_service),
) -> dict:
    try:
        position = await service.join(event_id=event_id, customer=principal.subject)
    except WaitlistClosed as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from exc
    return {"event_id": event_id, "position": position}
