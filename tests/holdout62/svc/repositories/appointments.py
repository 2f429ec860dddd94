"""Appointment persistence (SQLAlchemy async ORM)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Appointment, Pet, Vet


class AppointmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, appointment_id: int) -> Appointment | None:
        return await self.session.get(Appointment, appointment_id)

    async def list_for_day(self, clinic_id: int, day: date) -> list[Appointment]:
        start = datetime.combine(day, time.min, tzinfo=timezone.utc)
        stmt = (
            select(Appointment)
            .where(Appointment.clinic_id == clinic_id)
            .where(Appointment.starts_at >= start, Appointment.starts_at < start + timedelta(days=1))
            .options(selectinload(Appointment.pet).selectinload(Pet.owner))
            .order_by(Appointment.starts_at)
        )
        return list((await self.session.scalars(stmt)).all())

    async def overlapping(self, vet_id: int, starts_at: datetime, ends_at: datetime) -> list[Appointment]:
        stmt = select(Appointment).where(
            and_(
                Appointment.vet_id == vet_id,
                Appointment.status != "cancelled",
                Appointment.starts_at < ends_at,
                Appointment.ends_at > starts_at,
            )
        )
        return list((await self.session.scalars(stmt)).all())

    async def add(self, appt: Appointment) -> Appointment:
        self.session.add(appt)
        await self.session.flush()
        return appt

    async def set_status(self, appointment_id: int, status: str) -> None:
        await self.session.execute(
            update(Appointment).where(Appointment.id == appointment_id).values(status=status)
        )

    async def history_for_pet(self, pet_id: int, limit: int = 50) -> list[Appointment]:
        stmt = (
            select(Appointment)
            .where(Appointment.pet_id == pet_id)
            .order_by(Appointment.starts_at.desc())
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def all_for_clinic(self, clinic_id: int) -> list[Appointment]:
        stmt = select(Appointment).where(Appointment.clinic_id == clinic_id).order_by(Appointment.starts_at)
        return list((await self.session.scalars(stmt)).all())

    async def vets_for_clinic(self, clinic_id: int) -> list[Vet]:
        return list((await self.session.scalars(select(Vet).where(Vet.clinic_id == clinic_id))).all())

    async def count_by_status(self, clinic_id: int, day: date) -> dict[str, int]:
        start = datetime.combine(day, time.min, tzinfo=timezone.utc)
        stmt = (
            select(Appointment.status, func.count())
            .where(Appointment.clinic_id == clinic_id)
            .where(Appointment.starts_at >= start, Appointment.starts_at < start + timedelta(days=1))
            .group_by(Appointment.status)
        )
        return {status: n for status, n in (await self.session.execute(stmt)).all()}

    async def no_show_counts(self, owner_ids: list[int], since: datetime) -> dict[int, int]:
        if not owner_ids:
            return {}
        stmt = (
            select(Pet.owner_id, func.count(Appointment.id))
            .join(Pet, Pet.id == Appointment.pet_id)
            .where(Pet.owner_id.in_(owner_ids), Appointment.status == "no_show", Appointment.starts_at >= since)
            .group_by(Pet.owner_id)
        )
        return {owner_id: n for owner_id, n in (await self.session.execute(stmt)).all()}

    async def mark_no_shows(self, clinic_id: int, before: datetime) -> int:
        result = await self.session.execute(
            update(Appointment)
            .where(
                Appointment.clinic_id == clinic_id,
                Appointment.status == "booked",
                Appointment.checked_in_at.is_(None),
                Appointment.ends_at < before,
            )
            .values(status="no_show")
        )
        return result.rowcount or 0
