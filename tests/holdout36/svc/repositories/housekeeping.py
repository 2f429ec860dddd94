from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import HousekeepingTask


async def tasks_for_day(session: AsyncSession, hotel_id: int, day: date) -> Sequence[HousekeepingTask]:
    stmt = (
        select(HousekeepingTask)
        .where(HousekeepingTask.hotel_id == hotel_id, HousekeepingTask.task_date == day)
        .order_by(HousekeepingTask.room_id)
    )
    return (await session.scalars(stmt)).all()


async def open_task_for_room(session: AsyncSession, room_id: int) -> HousekeepingTask | None:
    stmt = select(HousekeepingTask).where(
        HousekeepingTask.room_id == room_id, HousekeepingTask.status == "pending"
    )
    return await session.scalar(stmt.limit(1))


async def complete(session: AsyncSession, task_id: int, attendant: str | None) -> None:
    await session.execute(
        update(HousekeepingTask)
        .where(HousekeepingTask.id == task_id)
        .values(status="done", assigned_to=attendant)
    )


async def create_many(session: AsyncSession, tasks: Sequence[HousekeepingTask]) -> None:
    session.add_all(tasks)
    await session.flush()
