"""Booking endpoints: hold, confirm, reschedule, cancel, list."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import booking_service
from svc.db.base import get_session
from svc.ratelimit import enforce_hold_limit
from svc.repositories.bookings import BookingRepository
from svc.schemas import BookingOut, BookingPage, BookingRow, HoldRequest, RescheduleRequest
from svc.services.booking import BookingService

router = APIRouter(prefix="/bookings", tags=["bookings"])


@router.post("/hold", response_model=BookingOut, status_code=201)
async def hold_slot(req: HoldRequest, service: BookingService = Depends(booking_service)) -> BookingOut:
    enforce_hold_limit(req.patient_email)
    booking = await service.hold(req)
    return BookingOut.model_validate(booking)


@router.post("/{booking_id}/confirm", response_model=BookingOut)
async def confirm_booking(booking_id: int, service: BookingService = Depends(booking_service)) -> BookingOut:
    return BookingOut.model_validate(await service.confirm(booking_id))


@router.post("/{booking_id}/reschedule", response_model=BookingOut)
async def reschedule_booking(
    booking_id: int,
    req: RescheduleRequest,
    actor_id: int,
    service: BookingService = Depends(booking_service),
) -> BookingOut:
    return BookingOut.model_validate(await service.reschedule(booking_id, req.new_slot_id, actor_id))


@router.delete("/{booking_id}", status_code=204)
async def cancel_booking(
    booking_id: int, actor_id: int, reason: str = "", service: BookingService = Depends(booking_service)
) -> None:
    await service.cancel(booking_id, actor_id, reason)


@router.get("/patients/{patient_id}", response_model=BookingPage)
async def patient_bookings(
    patient_id: int, after: int = 0, limit: int = 20, session: AsyncSession = Depends(get_session)
) -> BookingPage:
    if limit > 100:
        raise HTTPException(status_code=422, detail="limit must be at most 100")
    items = await BookingRepository(session).for_patient(patient_id, after, limit)
    next_after = items[-1].id if len(items) == limit else None
    return BookingPage(items=[BookingOut.model_validate(b) for b in items], next_after=next_after)


@router.get("/patients/{patient_id}/detailed", response_model=list[BookingRow])
async def patient_bookings_detailed(
    patient_id: int, after: int = 0, session: AsyncSession = Depends(get_session)
) -> list[BookingRow]:
    repo = BookingRepository(session)
    page = await repo.for_patient(patient_id, after, 50)
    rows: list[BookingRow] = []
    for booking in await repo.with_details([b.id for b in page]):
        practitioner_name = booking.practitioner.name
        rows.append(
            BookingRow(
                id=booking.id,
                status=booking.status,
                practitioner_name=practitioner_name,
                starts_at=booking.slot.starts_at,
            )
        )
    return rows
