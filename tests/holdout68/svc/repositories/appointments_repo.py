from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Appointment, Pet, Vet

ACTIVE_STATUSES = ("booked", "checked_in", "in_consult")


async def get(session: AsyncSession, appointment_id: int) -> Appointment | None:
    return await session.get(Appointment, appointment_id)


async def find_overlapping(
    session: AsyncSession, vet_id: int, starts_at: datetime, ends_at: datetime
) -> Appointment | None:
    stmt = (
        select(Appointment)
        .where(
            Appointment.vet_id == vet_id,
            Appointment.status.in_(ACTIVE_STATUSES),
            Appointment.starts_at < ends_at,
            Appointment.ends_at > starts_at,
        )
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def lock_vet(session: AsyncSession, vet_id: int) -> Vet | None:
    stmt = select(Vet).where(Vet.id == vet_id).with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def create(
    session: AsyncSession,
    *,
    clinic_id: int,
    pet_id: int,
    vet_id: int,
    starts_at: datetime,
    ends_at: datetime,
    reason: str | None,
) -> Appointment:
    appt = Appointment(
        clinic_id=clinic_id,
        pet_id=pet_id,
        vet_id=vet_id,
        starts_at=starts_at,
        ends_at=ends_at,
        reason=reason,
        status="booked",
    )
    session.add(appt)
    await session.flush()
    return appt


async def list_for_day(
    session: AsyncSession, clinic_id: int, day_start: datetime, day_end: datetime, limit: int = 500
) -> list[Appointment]:
    stmt = (
        select(Appointment)
        .options(selectinload(Appointment.pet).selectinload(Pet.owner), selectinload(Appointment.vet))
        .where(
            Appointment.clinic_id == clinic_id,
            Appointment.starts_at >= day_start,
            Appointment.starts_at < day_end,
        )
        .order_by(Appointment.starts_at)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


async def booked_intervals(
    session: AsyncSession, clinic_id: int, day_start: datetime, day_end: datetime
) -> list[tuple[int, datetime, datetime]]:
    stmt = select(Appointment.vet_id, Appointment.starts_at, Appointment.ends_at).where(
        and_(
            Appointment.clinic_id == clinic_id,
            Appointment.starts_at >= day_start,
            Appointment.starts_at < day_end,
            Appointment.status.in_(ACTIVE_STATUSES),
        )
    )
    return [tuple(row) for row in (await session.execute(stmt)).all()]


async def list_for_clinic_today(session: AsyncSession, clinic_id: int, day_start: datetime, day_end: datetime) -> list[Appointment]:
    stmt = (
        select(Appointment)
        .where(
            Appointment.clinic_id == clinic_id,
            Appointment.starts_at >= day_start,
            Appointment.starts_at < day_end,
            Appointment.status.in_(ACTIVE_STATUSES),
        )
        .order_by(Appointment.starts_at)
    )
    return list((await session.execute(stmt)).scalars())


async def set_status(session: AsyncSession, appointment_id: int, status: str) -> None:
    await session.execute(update(Appointment).where(Appointment.id == appointment_id).values(status=status))
