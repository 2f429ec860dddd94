from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Bed, BedState, CleaningTask
from ..errors import Conflict, NotFound
from ..repositories.cleaning import AuditRepository
from ..repositories.beds import BedRepository
from ..repositories.cleaning import CleaningRepository
from .notifications import NotificationService

logger = logging.getLogger(__name__)


class CleaningService:
    def __init__(
        self,
        session: AsyncSession,
        tasks: CleaningRepository,
        beds: BedRepository,
        audit: AuditRepository,
        notifier: NotificationService,
    ) -> None:
        self._session = session
        self._tasks = tasks
        self._beds = beds
        self._audit = audit
        self._notifier = notifier

    async def create_for_bed(self, bed: Bed, isolation_clean: bool) -> CleaningTask:
        task = await self._tasks.create(bed.id, isolation_clean)
        await self._session.commit()
        await self._notifier.notify_ward(bed.ward_id, {"type": "cleaning_requested", "bed_id": bed.id, "task_id": task.id})
        return task

    async def claim(self, task_id: int, housekeeper_id: str) -> CleaningTask:
        task = await self._tasks.get(task_id)
        if task is None:
            raise NotFound(f"task {task_id}")
        if task.assignee_id is not None and task.assignee_id != housekeeper_id:
            raise Conflict(f"task {task_id} already claimed")
        bed = await self._beds.get(task.bed_id)
        task.assignee_id = housekeeper_id
        task.status = "in_progress"
        await self._beds.set_state(task.bed_id, BedState.CLEANING)
        await self._session.commit()
        if bed is not None:
            await self._notifier.notify_ward(bed.ward_id, {"type": "bed_state", "bed_id": bed.id, "state": "cleaning"})
        return task

    async def complete(self, task_id: int, housekeeper_id: str) -> None:
        current = await self._tasks.get(task_id)
        if current is None or current.assignee_id != housekeeper_id:
            raise NotFound(f"task {task_id}")
        await self._tasks.complete(task_id)
        await self._beds.set_state(current.bed_id, BedState.READY)
        self._audit.record(housekeeper_id, "cleaning_complete", f"bed:{current.bed_id}")
        await self._session.commit()
        bed = await self._beds.get(current.bed_id)
        if bed is not None:
            await self._notifier.notify_ward(bed.ward_id, {"type": "bed_state", "bed_id": bed.id, "state": "ready"}, urgent=True)

    async def tasks_for(self, housekeeper_id: str) -> list[dict[str, Any]]:
        tasks = await self._tasks.list_for_housekeeper(housekeeper_id)
        out: list[dict[str, Any]] = []
        for task in tasks:
            bed = await self._session.get(Bed, task.bed_id)
            out.append(
                {
                    "task_id": task.id,
                    "bed": bed.label if bed else None,
                    "room": bed.room if bed else None,
                    "isolation_clean": task.isolation_clean,
                    "status": task.status,
                }
            )
        return out

    async def assign_next(self, housekeeper_id: str) -> CleaningTask | None:
        open_tasks = await self._tasks.list_open(limit=1)
        if not open_tasks:
            return None
        task = await self.claim(open_tasks[0].id, housekeeper_id)
        await self._notifier.dispatch_cleaning(housekeeper_id, {"task_id": task.id, "bed_id": task.bed_id})
        return task
