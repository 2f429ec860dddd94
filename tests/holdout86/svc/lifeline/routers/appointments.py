from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.deps import get_container, get_session
from lifeline.repositories.donors import DonorRepository
from lifeline.schemas import BookingIn
from lifeline.services.container import Container
from lifeline.utils.clock import utcnow

router = APIRouter(tags=["appointments"])


@router.get("/public/drives/{site_id}")
async def upcoming_drives(site_id: int, container: Container = Depends(get_container)) -> list[dict]:
    return await container.drives.upcoming(site_id, utcnow())


@router.post("/public/appointments", status_code=201)
async def book_appointment(
    body: BookingIn,
    starts_at: datetime,
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    await container.donors.require_eligible(DonorRepository(session), body.donor_id)
    appointment_id = await container.booking.book(body.slot_id, body.donor_id, starts_at)
    return {"id": appointment_id}


@router.post("/appointments/priority", status_code=201)
async def book_priority(body: BookingIn, starts_at: datetime, container: Container = Depends(get_container)) -> dict:
    return {"id": await container.booking.book_priority(body.slot_id, body.donor_id, starts_at)}


@router.post("/drives/{drive_id}/walk-in", status_code=201)
async def walk_in(
    drive_id: int, body: BookingIn, session: AsyncSession = Depends(get_session), container: Container = Depends(get_container)
) -> dict:
    await container.donors.require_eligible(DonorRepository(session), body.donor_id)
    appointment_id = await container.booking.walk_in(drive_id, body.slot_id, body.donor_id, utcnow())
    return {"id": appointment_id}


@router.delete("/public/appointments/{appointment_id}", status_code=204)
async def cancel_appointment(appointment_id: int, container: Container = Depends(get_container)) -> None:
    await container.booking.cancel(appointment_id)
