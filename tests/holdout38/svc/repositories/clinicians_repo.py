from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import CalendarSlot, ClinicalNote, Clinician, SlotStatus


class ClinicianRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, clinician_id: str) -> Clinician | None:
        return await self.session.get(Clinician, clinician_id)

    async def by_specialty(self, specialty: str) -> list[Clinician]:
        stmt = select(Clinician).where(Clinician.specialty == specialty).order_by(Clinician.full_name)
        return list((await self.session.execute(stmt)).scalars())

    async def slots_between(self, clinician_id: str, start: dt.datetime, end: dt.datetime) -> list[CalendarSlot]:
        stmt = (
            select(CalendarSlot)
            .where(CalendarSlot.clinician_id == clinician_id)
            .where(CalendarSlot.starts_at >= start, CalendarSlot.starts_at < end)
            .order_by(CalendarSlot.starts_at)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def open_slots_for(self, clinician_ids: list[str], start: dt.datetime, end: dt.datetime) -> list[CalendarSlot]:
        stmt = (
            select(CalendarSlot)
            .where(CalendarSlot.clinician_id.in_(clinician_ids))
            .where(CalendarSlot.status == SlotStatus.OPEN)
            .where(CalendarSlot.starts_at >= start, CalendarSlot.starts_at < end)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def get_slot(self, slot_id: int, *, for_update: bool = False) -> CalendarSlot | None:
        stmt = select(CalendarSlot).where(CalendarSlot.id == slot_id)
        if for_update:
            stmt = stmt.with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def set_slot_status(self, slot_id: int, status: SlotStatus) -> None:
        await self.session.execute(update(CalendarSlot).where(CalendarSlot.id == slot_id).values(status=status))

    async def add_slots(self, slots: list[CalendarSlot]) -> None:
        self.session.add_all(slots)
        await self.session.flush()


class NoteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_appointment(self, appointment_id: str) -> list[ClinicalNote]:
        stmt = (
            select(ClinicalNote)
            .where(ClinicalNote.appointment_id == appointment_id)
            .order_by(ClinicalNote.created_at)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def for_appointments(self, appointment_ids: list[str]) -> dict[str, list[ClinicalNote]]:
        grouped: dict[str, list[ClinicalNote]] = {aid: [] for aid in appointment_ids}
        if not appointment_ids:
            return grouped
        stmt = select(ClinicalNote).where(ClinicalNote.appointment_id.in_(appointment_ids))
        for note in (await self.session.execute(stmt)).scalars():
            grouped[note.appointment_id].append(note)
        return grouped

    async def add(self, note: ClinicalNote) -> ClinicalNote:
        self.session.add(note)
        await self.session.flush()
        return note

    async def sign(self, note_id: int, clinician_id: str, at: dt.datetime) -> int:
        result = await self.session.execute(
            update(ClinicalNote)
            .where(ClinicalNote.id == note_id, ClinicalNote.clinician_id == clinician_id)
            .where(ClinicalNote.signed_at.is_(None))
            .values(signed_at=at)
        )
        return result.rowcount
