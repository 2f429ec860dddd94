from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import WorkOrder

OPEN_STATUSES = ("new", "scheduled", "dispatched", "on_site")
BOARD_STATUSES = ("scheduled", "dispatched", "on_site")


class WorkOrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, work_order_id: int) -> WorkOrder | None:
        return await self._session.get(WorkOrder, work_order_id)

    async def get_many(self, ids: Iterable[int]) -> list[WorkOrder]:
        rows = await self._session.execute(select(WorkOrder).where(WorkOrder.id.in_(list(ids))))
        return list(rows.scalars())

    async def max_number(self, account_id: int) -> int | None:
        stmt = select(func.max(WorkOrder.number)).where(WorkOrder.account_id == account_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def add(self, work_order: WorkOrder) -> WorkOrder:
        self._session.add(work_order)
        await self._session.flush()
        return work_order

    async def open_for_technician(self, technician_id: int) -> list[WorkOrder]:
        stmt = (
            select(WorkOrder)
            .where(WorkOrder.technician_id == technician_id, WorkOrder.status.in_(OPEN_STATUSES))
            .order_by(WorkOrder.scheduled_for)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def on_day(self, account_id: int, day: date) -> list[WorkOrder]:
        stmt = (
            select(WorkOrder)
            .where(WorkOrder.account_id == account_id)
            .where(func.date(WorkOrder.scheduled_for) == day)
            .order_by(WorkOrder.scheduled_for)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def scheduled_between(self, account_id: int, start: datetime, end: datetime) -> list[WorkOrder]:
        stmt = (
            select(WorkOrder)
            .where(WorkOrder.scheduled_for >= start, WorkOrder.scheduled_for < end)
            .where(WorkOrder.account_id == account_id)
            .order_by(WorkOrder.scheduled_for)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def page(self, account_id: int, after_id: int, limit: int) -> list[WorkOrder]:
        stmt = (
            select(WorkOrder)
            .where(WorkOrder.account_id == account_id, WorkOrder.id > after_id)
            .order_by(WorkOrder.id)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def counts_by_status(self, account_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in BOARD_STATUSES:
            stmt = select(func.count()).where(WorkOrder.account_id == account_id, WorkOrder.status == status)
            counts[status] = (await self._session.execute(stmt)).scalar_one()
        return counts

    async def set_status(self, work_order_id: int, status: str, *, expected: str | None = None) -> bool:
        stmt = update(WorkOrder).where(WorkOrder.id == work_order_id).values(status=status)
        if expected is not None:
            stmt = stmt.where(WorkOrder.status == expected)
        result = await self._session.execute(stmt)
        return result.rowcount == 1

    async def assign(self, work_order_id: int, technician_id: int, when: datetime) -> None:
        await self._session.execute(
            update(WorkOrder)
            .where(WorkOrder.id == work_order_id)
            .values(technician_id=technician_id, scheduled_for=when, status="scheduled")
        )
