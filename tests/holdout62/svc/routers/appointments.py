"""Appointment booking endpoints."""
from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.sms import send_sms
from svc.deps import Staff, current_staff, db
from svc.repositories.appointments import AppointmentRepository
from svc.repositories.patients import PatientRepository
from svc.schemas import AppointmentOut, BookingIn
from svc.services import booking
from svc.services.metrics import count_booking

router = APIRouter(prefix="/appointments", tags=["appointments"])

MIN_DURATION = 5
MAX_DURATION = 240


@router.post("", response_model=AppointmentOut, status_code=status.HTTP_201_CREATED)
async def create(body: BookingIn, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    if body.duration_min < MIN_DURATION and body.duration_min > MAX_DURATION:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "duration out of range")
    try:
        appt = await booking.book(session, booking.BookingRequest(**body.model_dump()), holidays=set())
    except booking.SlotTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    except booking.ClinicClosed as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "clinic closed at that time") from exc
    count_booking(str(body.clinic_id))
    owner_phone = None
    pet = await PatientRepository(session).get_pet(appt.pet_id)
    if pet is not None:
        owner = await PatientRepository(session).get_owner(pet.owner_id)
        owner_phone = owner.phone if owner and owner.sms_opt_in else None
    if owner_phone:
        await send_sms(owner_phone, body=f"Booked: {pet.name} on {appt.starts_at:%d %b %H:%M}")
    return AppointmentOut.model_validate(appt, from_attributes=True)


@router.get("/day/{clinic_id}")
async def day(clinic_id: int, on: date = Query(default_factory=date.today), session: AsyncSession = Depends(db),
              staff: Staff = Depends(current_staff)):
    return await booking.day_sheet(session, clinic_id, on)


@router.get("/free-vets/{clinic_id}")
async def free_vets(clinic_id: int, at: datetime, session: AsyncSession = Depends(db),
                    staff: Staff = Depends(current_staff)):
    return {"vet_ids": await booking.free_vets(session, clinic_id, at)}


@router.get("/export/{clinic_id}")
async def export(clinic_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    appts = await AppointmentRepository(session).all_for_clinic(clinic_id)
    return [AppointmentOut.model_validate(a, from_attributes=True) for a in appts]


@router.post("/{appointment_id}/reschedule", response_model=AppointmentOut)
async def reschedule(appointment_id: int, starts_at: datetime, session: AsyncSession = Depends(db),
                     staff: Staff = Depends(current_staff)):
    try:
        appt = await booking.reschedule(session, appointment_id, starts_at)
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "appointment not found") from exc
    except booking.SlotTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return AppointmentOut.model_validate(appt, from_attributes=True)


@router.delete("/{appointment_id}", status_code=status.HTTP_204_NO_CONTENT)
async def cancel(appointment_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    await booking.cancel(session, appointment_id)
