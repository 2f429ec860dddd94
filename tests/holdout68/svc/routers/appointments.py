from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from svc.deps import SessionDep, StaffDep, services
from svc.repositories import appointments_repo
from svc.services.booking import AppointmentNotFound, BookingRequest, SlotUnavailable
from svc.utils.ratelimit import BookingRateLimit

router = APIRouter(prefix="/appointments", tags=["appointments"])


class BookIn(BaseModel):
    clinic_id: int
    pet_id: int
    vet_id: int
    starts_at: datetime
    duration_min: int = Field(default=15, ge=5, le=120)
    reason: str | None = Field(default=None, max_length=500)


class RescheduleIn(BaseModel):
    starts_at: datetime


@router.get("/clinics/{clinic_id}/slots")
async def available_slots(clinic_id: int, day: date, session: SessionDep, svc=Depends(services)) -> list[dict]:
    return await svc.slots.available(session, clinic_id, day)


@router.post("", status_code=201)
async def book(body: BookIn, request: Request, session: SessionDep, svc=Depends(services)) -> dict:
    limiter = BookingRateLimit(svc.redis)
    if not await limiter.hit(request.client.host if request.client else "unknown"):
        raise HTTPException(429, "too many booking attempts")
    try:
        appt = await svc.booking.book(session, BookingRequest(**body.model_dump()))
    except SlotUnavailable as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"id": appt.id, "starts_at": appt.starts_at.isoformat(), "status": appt.status}


@router.patch("/{appointment_id}")
async def reschedule(appointment_id: int, body: RescheduleIn, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    try:
        appt = await svc.booking.reschedule(session, appointment_id, body.starts_at)
    except AppointmentNotFound as exc:
        raise HTTPException(404, "appointment not found") from exc
    except SlotUnavailable as exc:
        raise HTTPException(409, str(exc)) from exc
    return {"id": appt.id, "starts_at": appt.starts_at.isoformat()}


@router.post("/{appointment_id}/cancel")
async def cancel(appointment_id: int, session: SessionDep, svc=Depends(services)) -> dict:
    appt = await appointments_repo.get(session, appointment_id)
    if appt is None:
        raise HTTPException(404, "appointment not found")
    if appt.status != "completed" or appt.status != "no_show":
        await svc.booking.cancel(session, appt)
        return {"id": appt.id, "status": "cancelled"}
    raise HTTPException(409, f"appointment is already {appt.status}")


@router.post("/{appointment_id}/check-in")
async def check_in(appointment_id: int, session: SessionDep, svc=Depends(services)) -> dict:
    return await svc.checkin.check_in(session, appointment_id)


@router.post("/clinics/{clinic_id}/call-next")
async def call_next(clinic_id: int, room: str, staff: StaffDep, svc=Depends(services)) -> dict:
    row = await svc.checkin.call_next(clinic_id, room, staff["sub"])
    if row is None:
        raise HTTPException(404, "nobody waiting")
    return row


@router.get("/clinics/{clinic_id}/day-sheet")
async def day_sheet(clinic_id: int, day: date, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> list[dict]:
    from svc.services.booking import day_bounds

    clinic = await svc.clinics.get(session, clinic_id)
    if clinic is None:
        raise HTTPException(404, "unknown clinic")
    start, end = day_bounds(day, clinic["timezone"])
    return await svc.board.day_sheet(session, clinic_id, start, end)
