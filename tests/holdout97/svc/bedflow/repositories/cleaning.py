from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import AuditEntry, CleaningTask


class CleaningRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, bed_id: int, isolation_clean: bool) -> CleaningTask:
        task = CleaningTask(bed_id=bed_id, isolation_clean=isolation_clean)
        self._session.add(task)
        await self._session.flush()
        return task

    async def get(self, task_id: int) -> CleaningTask | None:
        return await self._session.get(CleaningTask, task_id)

    async def list_for_housekeeper(self, housekeeper_id: str) -> list[CleaningTask]:
        result = await self._session.execute(
            select(CleaningTask)
            .where(CleaningTask.assignee_id == housekeeper_id, CleaningTask.status != "done")
            .order_by(CleaningTask.created_at)
        )
        return list(result.scalars())

    async def list_open(self, limit: int = 100) -> list[CleaningTask]:
        result = await self._session.execute(
            select(CleaningTask)
            .where(CleaningTask.status == "open")
            .order_by(CleaningTask.created_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def list_overdue(self, older_than: datetime) -> list[CleaningTask]:
        result = await self._session.execute(
            select(CleaningTask).where(
                CleaningTask.status.in_(("open", "in_progress")),
                CleaningTask.created_at < older_than,
                CleaningTask.escalated_at.is_(None),
            )
        )
        return list(result.scalars())

    async def mark_escalated(self, task_id: int, when: datetime) -> None:
        await self._session.execute(
            update(CleaningTask).where(CleaningTask.id == task_id).values(escalated_at=when)
        )

    async def complete(self, task_id: int) -> None:
        await self._session.execute(update(CleaningTask).where(CleaningTask.id == task_id).values(status="done"))


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, actor: str, action: str, subject: str, detail: str = "") -> None:
        self._session.add(AuditEntry(actor=actor, action=action, subject=subject, detail=detail))
        await self._session.flush()
