from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Appointment, AppointmentStatus, CalendarSlot


class AppointmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, appointment_id: str) -> Appointment | None:
        return await self.session.get(Appointment, appointment_id)

    async def for_patient(self, patient_id: str, limit: int = 20) -> list[Appointment]:
        stmt = (
            select(Appointment)
            .where(Appointment.patient_id == patient_id)
            .order_by(Appointment.created_at.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def for_clinician_between(self, clinician_id: str, start: dt.datetime, end: dt.datetime) -> list[tuple[Appointment, CalendarSlot]]:
        stmt = (
            select(Appointment, CalendarSlot)
            .join(CalendarSlot, CalendarSlot.id == Appointment.slot_id)
            .where(Appointment.clinician_id == clinician_id)
            .where(CalendarSlot.starts_at >= start, CalendarSlot.starts_at < end)
            .where(Appointment.status == AppointmentStatus.BOOKED)
        )
        return [tuple(row) for row in (await self.session.execute(stmt)).all()]

    async def active_count(self, patient_id: str) -> int:
        stmt = select(func.count()).select_from(Appointment).where(
            Appointment.patient_id == patient_id,
            Appointment.status.in_([AppointmentStatus.HELD, AppointmentStatus.BOOKED]),
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def due_for_reminder(self, window_start: dt.datetime, window_end: dt.datetime) -> list[Appointment]:
        stmt = (
            select(Appointment)
            .join(CalendarSlot, CalendarSlot.id == Appointment.slot_id)
            .where(CalendarSlot.starts_at >= window_start, CalendarSlot.starts_at < window_end)
            .where(Appointment.status == AppointmentStatus.BOOKED)
            .where(Appointment.reminder_sent_at.is_(None))
        )
        return list((await self.session.execute(stmt)).scalars())

    async def slot_for(self, appointment: Appointment) -> CalendarSlot:
        return await self.session.get(CalendarSlot, appointment.slot_id)

    async def mark_reminded(self, appointment_id: str, at: dt.datetime) -> None:
        await self.session.execute(
            update(Appointment).where(Appointment.id == appointment_id).values(reminder_sent_at=at)
        )

    async def add(self, appointment: Appointment) -> Appointment:
        self.session.add(appointment)
        await self.session.flush()
        return appointment

    async def set_status(self, appointment_id: str, status: AppointmentStatus) -> None:
        await self.session.execute(update(Appointment).where(Appointment.id == appointment_id).values(status=status))
