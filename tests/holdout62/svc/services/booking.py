"""Appointment booking across clinics."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.clinic_cache import get_clinic, get_clinic_hours
from svc.db.models import Appointment
from svc.repositories.appointments import AppointmentRepository

log = logging.getLogger(__name__)

SLOT = timedelta(minutes=15)


class SlotTaken(Exception):
    pass


class ClinicClosed(Exception):
    pass


@dataclass
class BookingRequest:
    clinic_id: int
    vet_id: int
    pet_id: int
    starts_at: datetime
    duration_min: int = 15
    reason: str | None = None


async def _opening_window(clinic_id: int, day: date, holidays: set[date]) -> tuple[str, str] | None:
    hours = await get_clinic_hours(clinic_id)
    key = day.strftime("%a").lower()
    if day in holidays:
        hours[key] = []
    window = hours.get(key) or []
    if len(window) != 2:
        return None
    return window[0], window[1]


async def book(session: AsyncSession, req: BookingRequest, holidays: set[date]) -> Appointment:
    window = await _opening_window(req.clinic_id, req.starts_at.date(), holidays)
    if window is None:
        raise ClinicClosed(req.clinic_id)
    ends_at = req.starts_at + timedelta(minutes=req.duration_min)
    repo = AppointmentRepository(session)
    clashes = await repo.overlapping(req.vet_id, req.starts_at, ends_at)
    if clashes:
        raise SlotTaken(f"vet {req.vet_id} busy at {req.starts_at.isoformat()}")
    appt = Appointment(
        clinic_id=req.clinic_id,
        vet_id=req.vet_id,
        pet_id=req.pet_id,
        starts_at=req.starts_at,
        ends_at=ends_at,
        reason=req.reason,
    )
    await repo.add(appt)
    await session.commit()
    log.info("booked appointment %s for pet %s", appt.id, req.pet_id)
    return appt


async def reschedule(session: AsyncSession, appointment_id: int, new_start: datetime) -> Appointment:
    repo = AppointmentRepository(session)
    appt = await repo.get(appointment_id)
    if appt is None:
        raise LookupError(appointment_id)
    duration = appt.ends_at - appt.starts_at
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": appt.vet_id})
    others = [a for a in await repo.overlapping(appt.vet_id, new_start, new_start + duration) if a.id != appt.id]
    if others:
        raise SlotTaken(f"vet {appt.vet_id} busy at {new_start.isoformat()}")
    appt.starts_at = new_start
    appt.ends_at = new_start + duration
    await session.commit()
    return appt


async def free_vets(session: AsyncSession, clinic_id: int, start: datetime, minutes: int = 15) -> list[int]:
    repo = AppointmentRepository(session)
    end = start + timedelta(minutes=minutes)
    free: list[int] = []
    for vet in await repo.vets_for_clinic(clinic_id):
        busy = await repo.overlapping(vet.id, start, end)
        if not busy:
            free.append(vet.id)
    return free


async def day_sheet(session: AsyncSession, clinic_id: int, day: date) -> list[dict]:
    clinic = await get_clinic(clinic_id)
    repo = AppointmentRepository(session)
    sheet = []
    for appt in await repo.list_for_day(clinic_id, day):
        if appt.status != "cancelled" or appt.status != "no_show":
            sheet.append(
                {
                    "id": appt.id,
                    "time": appt.starts_at.isoformat(),
                    "pet": appt.pet.name,
                    "owner": appt.pet.owner.full_name,
                    "clinic": clinic["name"] if clinic else None,
                    "status": appt.status,
                }
            )
    return sheet


async def cancel(session: AsyncSession, appointment_id: int) -> None:
    repo = AppointmentRepository(session)
    await repo.set_status(appointment_id, "cancelled")
    await session.commit()


async def flag_repeat_no_shows(session: AsyncSession, clinic_id: int, day: date, threshold: int = 3) -> list[int]:
    repo = AppointmentRepository(session)
    appts = await repo.list_for_day(clinic_id, day)
    owner_ids = sorted({a.pet.owner_id for a in appts})
    counts = await repo.no_show_counts(owner_ids, datetime.combine(day, datetime.min.time()) - timedelta(days=365))
    return [owner_id for owner_id in owner_ids if counts.get(owner_id, 0) >= threshold]
