from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Employee, Punch


class PunchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def last_punch(self, employee_id: int) -> Punch | None:
        stmt = (
            select(Punch)
            .where(Punch.employee_id == employee_id)
            .order_by(Punch.punched_at.desc())
            .limit(1)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def last_punch_for_update(self, employee_id: int) -> Punch | None:
        """Serialise punches of one employee on the employee row, then read the latest punch."""
        await self._session.execute(
            select(Employee.id).where(Employee.id == employee_id).with_for_update()
        )
        return await self.last_punch(employee_id)

    async def add(self, punch: Punch) -> Punch:
        self._session.add(punch)
        await self._session.flush()
        return punch

    async def by_idempotency_key(self, key: str) -> Punch | None:
        stmt = select(Punch).where(Punch.idempotency_key == key)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def for_period(self, employee_id: int, start: datetime, end: datetime) -> Sequence[Punch]:
        stmt = (
            select(Punch)
            .where(Punch.employee_id == employee_id, Punch.punched_at >= start, Punch.punched_at < end)
            .order_by(Punch.punched_at)
        )
        return (await self._session.scalars(stmt)).all()

    async def for_period_many(
        self, employee_ids: Sequence[int], start: datetime, end: datetime
    ) -> dict[int, list[Punch]]:
        stmt = (
            select(Punch)
            .where(
                Punch.employee_id.in_(employee_ids),
                Punch.punched_at >= start,
                Punch.punched_at < end,
            )
            .order_by(Punch.employee_id, Punch.punched_at)
        )
        grouped: dict[int, list[Punch]] = defaultdict(list)
        for punch in await self._session.scalars(stmt):
            grouped[punch.employee_id].append(punch)
        return grouped

    async def on_day(self, day: date, location_id: int | None = None) -> Sequence[Punch]:
        stmt = select(Punch).where(func.date(Punch.punched_at) == day)
        if location_id is not None:
            stmt = stmt.where(Punch.device_id.like(f"{location_id}-%"))
        return (await self._session.scalars(stmt.order_by(Punch.punched_at))).all()
