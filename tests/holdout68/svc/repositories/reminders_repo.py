from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from svc.db.models import Pet, ReminderLog, Vaccination


async def due_vaccinations(session: AsyncSession, start: date, end: date, limit: int) -> list[Vaccination]:
    stmt = (
        select(Vaccination)
        .options(joinedload(Vaccination.pet).joinedload(Pet.owner))
        .where(Vaccination.due_at.between(start, end))
        .order_by(Vaccination.id)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars().unique())


async def mark_sent(session: AsyncSession, vaccination_id: int, channel: str) -> bool:
    """True when this call recorded the reminder, False if another run already had."""
    stmt = (
        pg_insert(ReminderLog)
        .values(vaccination_id=vaccination_id, channel=channel)
        .on_conflict_do_nothing(constraint="uq_reminder_once")
        .returning(ReminderLog.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None
