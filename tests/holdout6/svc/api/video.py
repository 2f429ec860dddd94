"""Video visit endpoints and the vendor's webhook."""
from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc import errors
from svc.cache.redis_client import redis
from svc.config import Settings, get_settings
from svc.db.base import get_session
from svc.ratelimit import allow_request
from svc.repositories.bookings import BookingRepository
from svc.schemas import VideoSession
from svc.services.video import VideoService

router = APIRouter(prefix="/video", tags=["video"])


@router.post("/bookings/{booking_id}/join", response_model=VideoSession)
async def join_visit(
    booking_id: int,
    identity: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> VideoSession:
    if not await allow_request(redis, f"join:{booking_id}:{identity}", limit=10, window_seconds=60):
        raise errors.RateLimited("too many join attempts")
    booking = await BookingRepository(session).get(booking_id)
    if booking is None:
        raise errors.BookingNotFound(f"booking {booking_id} not found")
    service = VideoService(request.app.state.video_client, session, settings)
    return await service.join(booking, identity)


@router.post("/bookings/{booking_id}/dial-in")
async def dial_in(
    booking_id: int,
    phone: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> dict:
    service = VideoService(request.app.state.video_client, session, settings)
    return {"pin": await service.dial_in_pin(booking_id, phone)}


@router.post("/webhooks/room-ended")
async def room_ended(payload: dict, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        booking = await BookingRepository(session).by_external_ref(payload["roomRef"])
        if booking is not None:
            booking.status = "completed"
            booking.confirmed_at = booking.confirmed_at or datetime.now(UTC)
            await session.commit()
    except Exception as exc:
        print(f"room-ended webhook failed: {exc}")
        return {"ok": False}
    return {"ok": True}
