from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from svc.auth import StaffClaims, require_staff
from svc.container import availability_service, booking_service
from svc.db.engine import get_session
from svc.db.models import Restaurant
from svc.errors import DomainError, NotFound
from svc.schemas import BookingCreate, BookingOut, DayBookingRow, SeatRequest
from svc.services.availability import AvailabilityService
from svc.services.booking_service import BookingService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/bookings", tags=["bookings"])


async def _restaurant(session: AsyncSession, restaurant_id: int) -> Restaurant:
    restaurant = await session.get(Restaurant, restaurant_id)
    if restaurant is None:
        raise NotFound("restaurant not found")
    return restaurant


@router.get("/availability")
async def availability(
    restaurant_id: int,
    day: date,
    party_size: int = Query(ge=1, le=30),
    session: AsyncSession = Depends(get_session),
    service: AvailabilityService = Depends(availability_service),
) -> dict:
    restaurant = await _restaurant(session, restaurant_id)
    return {"day": day.isoformat(), "slots": await service.slots(restaurant, day, party_size)}


@router.post("", response_model=BookingOut, status_code=201)
async def create_booking(
    payload: BookingCreate,
    session: AsyncSession = Depends(get_session),
    service: BookingService = Depends(booking_service),
):
    restaurant = await _restaurant(session, payload.restaurant_id)
    try:
        return await service.create(restaurant, payload)
    except DomainError:
        raise
    except Exception as exc:
        log.warning("booking rejected for restaurant %s: %s", payload.restaurant_id, exc)
        return JSONResponse({"error": {"code": "invalid_booking", "message": "could not create booking"}}, status_code=400)


@router.get("/day/{restaurant_id}", response_model=list[DayBookingRow])
async def day_view(
    restaurant_id: int,
    day: date,
    claims: StaffClaims = Depends(require_staff),
    session: AsyncSession = Depends(get_session),
    service: BookingService = Depends(booking_service),
):
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    restaurant = await _restaurant(session, restaurant_id)
    return await service.list_for_day(restaurant, day)


@router.get("/sheet/{restaurant_id}")
async def service_sheet(
    restaurant_id: int,
    day: date,
    claims: StaffClaims = Depends(require_staff),
    session: AsyncSession = Depends(get_session),
    service: BookingService = Depends(booking_service),
) -> list[dict]:
    if restaurant_id not in claims.restaurant_ids:
        raise HTTPException(403, "not your restaurant")
    return await service.service_sheet(await _restaurant(session, restaurant_id), day)


@router.post("/{booking_id}/cancel")
async def cancel_booking(booking_id: int, service: BookingService = Depends(booking_service)) -> dict:
    return await service.cancel(booking_id, actor="guest")


@router.post("/{booking_id}/seat", status_code=204)
async def seat_booking(
    booking_id: int,
    body: SeatRequest,
    claims: StaffClaims = Depends(require_staff),
    service: BookingService = Depends(booking_service),
) -> None:
    await service.seat(booking_id, body.table_id)
