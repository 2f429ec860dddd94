from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import (
    availability_get,
    availability_put,
    clinician_lock,
    patient_lock,
    profile_get,
    profile_get_copy,
    profile_put,
)
from ..errors import Conflict, NotFound
from ..models import AppointmentStatus, CalendarSlot, ClinicalNote, SlotStatus
from ..repositories.appointments_repo import AppointmentRepository
from ..repositories.clinicians_repo import ClinicianRepository, NoteRepository
from ..utils.common import day_bounds, utcnow

SLOT_MINUTES = 20


def _slot_view(slot: CalendarSlot) -> dict:
    return {"slot_id": slot.id, "starts_at": slot.starts_at.isoformat(), "ends_at": slot.ends_at.isoformat()}


class CalendarService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.clinicians = ClinicianRepository(session)
        self.appointments = AppointmentRepository(session)

    async def clinician_profile(self, clinician_id: str) -> dict:
        cached = profile_get_copy(clinician_id)
        if cached is not None:
            return cached
        clinician = await self.clinicians.get(clinician_id)
        if clinician is None:
            raise NotFound("clinician not found")
        profile = {
            "id": clinician.id,
            "name": clinician.full_name,
            "specialty": clinician.specialty,
            "timezone": clinician.timezone,
            "states": list(clinician.license_states),
        }
        profile_put(clinician_id, profile)
        return dict(profile)

    async def profile_for_patient(self, clinician_id: str, patient_state: str) -> dict:
        profile = profile_get(clinician_id)
        if profile is None:
            profile = await self.clinician_profile(clinician_id)
        profile["can_treat_patient"] = patient_state in profile["states"]
        return profile

    async def day_availability(self, clinician_id: str, day: dt.date) -> list[dict]:
        cached = availability_get(clinician_id, day)
        if cached is not None:
            return cached
        clinician = await self.clinicians.get(clinician_id)
        if clinician is None:
            raise NotFound("clinician not found")
        start, end = day_bounds(day, clinician.timezone)
        slots = await self.clinicians.slots_between(clinician_id, start, end)
        booked = await self.appointments.for_clinician_between(clinician_id, start, end)
        booked_slot_ids = [appointment.slot_id for appointment, _ in booked]
        free = []
        for slot in slots:
            if slot.status == SlotStatus.OPEN and slot.id not in booked_slot_ids:
                free.append(_slot_view(slot))
        availability_put(clinician_id, day, free)
        return free

    async def specialty_availability(self, specialty: str, day: dt.date) -> dict[str, list[dict]]:
        clinicians = await self.clinicians.by_specialty(specialty)
        result: dict[str, list[dict]] = {}
        for clinician in clinicians:
            start, end = day_bounds(day, clinician.timezone)
            slots = await self.clinicians.slots_between(clinician.id, start, end)
            result[clinician.id] = [_slot_view(s) for s in slots if s.status == SlotStatus.OPEN]
        return result

    async def specialty_availability_window(self, specialty: str, start: dt.datetime, end: dt.datetime) -> dict[str, list[dict]]:
        clinicians = await self.clinicians.by_specialty(specialty)
        ids = [c.id for c in clinicians]
        slots = await self.clinicians.open_slots_for(ids, start, end)
        result: dict[str, list[dict]] = {cid: [] for cid in ids}
        for slot in slots:
            result[slot.clinician_id].append(_slot_view(slot))
        return result

    async def publish_slots(self, clinician_id: str, start: dt.datetime, end: dt.datetime) -> int:
        if end <= start:
            raise Conflict("window end must be after start")
        existing = await self.clinicians.slots_between(clinician_id, start, end)
        taken = {(s.starts_at, s.ends_at) for s in existing}
        new: list[CalendarSlot] = []
        cursor = start
        step = dt.timedelta(minutes=SLOT_MINUTES)
        while cursor + step <= end:
            window = (cursor, cursor + step)
            if window not in taken:
                new.append(CalendarSlot(clinician_id=clinician_id, starts_at=cursor, ends_at=cursor + step))
            cursor += step
        await self.clinicians.add_slots(new)
        await self.session.commit()
        return len(new)

    async def block_day(self, clinician_id: str, day: dt.date) -> list[str]:
        clinician = await self.clinicians.get(clinician_id)
        if clinician is None:
            raise NotFound("clinician not found")
        start, end = day_bounds(day, clinician.timezone)
        cancelled: list[str] = []
        async with clinician_lock(clinician_id):
            booked = await self.appointments.for_clinician_between(clinician_id, start, end)
            for appointment, slot in booked:
                async with patient_lock(appointment.patient_id):
                    await self.appointments.set_status(appointment.id, AppointmentStatus.CANCELLED)
                    await self.clinicians.set_slot_status(slot.id, SlotStatus.BLOCKED)
                    cancelled.append(appointment.id)
            await self.session.commit()
        return cancelled

    async def upcoming_count(self, clinician_id: str) -> int:
        now = utcnow()
        booked = await self.appointments.for_clinician_between(clinician_id, now, now + dt.timedelta(days=7))
        return len(booked)

    async def reassign_day(self, from_clinician_id: str, to_clinician_id: str, day: dt.date) -> int:
        source = await self.clinicians.get(from_clinician_id)
        if source is None or await self.clinicians.get(to_clinician_id) is None:
            raise NotFound("clinician not found")
        start, end = day_bounds(day, source.timezone)
        first, second = sorted((from_clinician_id, to_clinician_id))
        async with clinician_lock(first), clinician_lock(second):
            booked = await self.appointments.for_clinician_between(from_clinician_id, start, end)
            target_slots = await self.clinicians.slots_between(to_clinician_id, start, end)
            free = {s.starts_at: s for s in target_slots if s.status == SlotStatus.OPEN}
            moved = 0
            for appointment, slot in booked:
                replacement = free.pop(slot.starts_at, None)
                if replacement is None:
                    continue
                appointment.clinician_id = to_clinician_id
                appointment.slot_id = replacement.id
                replacement.status = SlotStatus.BOOKED
                slot.status = SlotStatus.OPEN
                moved += 1
            await self.session.commit()
        return moved


class ChartService:
    """Visit notes written by the clinician during or right after the video visit."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.notes = NoteRepository(session)
        self.appointments = AppointmentRepository(session)

    async def add_note(self, appointment_id: str, clinician_id: str, body: str) -> ClinicalNote:
        appointment = await self.appointments.get(appointment_id)
        if appointment is None or appointment.clinician_id != clinician_id:
            raise NotFound("appointment not found")
        note = await self.notes.add(ClinicalNote(appointment_id=appointment_id, clinician_id=clinician_id, body=body))
        await self.session.commit()
        return note

    async def sign(self, note_id: int, clinician_id: str) -> None:
        updated = await self.notes.sign(note_id, clinician_id, utcnow())
        if updated == 0:
            await self.session.rollback()
            raise Conflict("note not found, not yours, or already signed")
        await self.session.commit()

    async def patient_history(self, patient_id: str) -> list[dict]:
        visits = await self.appointments.for_patient(patient_id, limit=20)
        notes = await self.notes.for_appointments([v.id for v in visits])
        return [
            {
                "appointment_id": v.id,
                "status": v.status.value,
                "notes": [{"body": n.body, "signed": n.signed_at is not None} for n in notes[v.id]],
            }
            for v in visits
        ]
