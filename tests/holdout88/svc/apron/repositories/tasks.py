from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from apron.models import TurnaroundTask

ACTIVE = ("OPEN", "IN_PROGRESS")


class TaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, task_id: int) -> TurnaroundTask | None:
        return await self._session.get(TurnaroundTask, task_id)

    async def tasks_for_flight(self, flight_id: int) -> Sequence[TurnaroundTask]:
        stmt = select(TurnaroundTask).where(TurnaroundTask.flight_id == flight_id).order_by(TurnaroundTask.deadline_at)
        return (await self._session.scalars(stmt)).all()

    async def tasks_for_flights(self, flight_ids: Iterable[int]) -> Sequence[TurnaroundTask]:
        stmt = select(TurnaroundTask).where(TurnaroundTask.flight_id.in_(list(flight_ids)))
        return (await self._session.scalars(stmt.order_by(TurnaroundTask.deadline_at))).all()

    async def overdue(self, now: datetime, limit: int = 500) -> Sequence[TurnaroundTask]:
        stmt = (
            select(TurnaroundTask)
            .where(
                TurnaroundTask.status.in_(ACTIVE),
                TurnaroundTask.deadline_at < now,
                TurnaroundTask.breach_notified.is_(False),
            )
            .order_by(TurnaroundTask.deadline_at)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def claim(self, task_id: int, staff_id: int) -> bool:
        stmt = (
            update(TurnaroundTask)
            .where(TurnaroundTask.id == task_id, TurnaroundTask.status == "OPEN")
            .values(status="IN_PROGRESS", assignee_id=staff_id)
            .returning(TurnaroundTask.id)
        )
        return (await self._session.execute(stmt)).scalar_one_or_none() is not None

    async def complete(self, task_id: int, at: datetime) -> None:
        await self._session.execute(
            update(TurnaroundTask).where(TurnaroundTask.id == task_id).values(status="DONE", completed_at=at)
        )

    async def mark_breached(self, task_ids: Sequence[int]) -> None:
        await self._session.execute(
            update(TurnaroundTask).where(TurnaroundTask.id.in_(task_ids)).values(breach_notified=True)
        )

    async def update_deadline(self, task_id: int, deadline: datetime) -> None:
        await self._session.execute(
            update(TurnaroundTask).where(TurnaroundTask.id == task_id).values(deadline_at=deadline)
        )

    def add_all(self, tasks: Iterable[TurnaroundTask]) -> None:
        self._session.add_all(list(tasks))
