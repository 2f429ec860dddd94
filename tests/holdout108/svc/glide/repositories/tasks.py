from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from glide.models import RebalanceJob, SwapTask, TaskStatus


class TaskRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get_swap(self, task_id: uuid.UUID) -> SwapTask | None:
        return await self._s.get(SwapTask, task_id)

    async def open_swap_for_vehicles(self, vehicle_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        if not vehicle_ids:
            return set()
        stmt = select(SwapTask.vehicle_id).where(
            SwapTask.vehicle_id.in_(vehicle_ids),
            SwapTask.status.in_([TaskStatus.OPEN, TaskStatus.CLAIMED]),
        )
        return set((await self._s.execute(stmt)).scalars())

    async def add_swaps(self, rows: Sequence[dict]) -> int:
        if not rows:
            return 0
        result = await self._s.execute(
            insert(SwapTask).values(list(rows)).on_conflict_do_nothing().returning(SwapTask.id)
        )
        return len(result.all())

    async def open_swaps(self, zone_id: int | None, limit: int = 100) -> Sequence[SwapTask]:
        stmt = select(SwapTask).where(SwapTask.status == TaskStatus.OPEN)
        if zone_id is not None:
            stmt = stmt.where(SwapTask.zone_id == zone_id)
        stmt = stmt.order_by(SwapTask.priority.desc(), SwapTask.created_at).limit(limit)
        return (await self._s.execute(stmt)).scalars().all()

    async def claim_swap(self, task_id: uuid.UUID, crew_id: str, at: datetime) -> bool:
        result = await self._s.execute(
            update(SwapTask)
            .where(SwapTask.id == task_id, SwapTask.status == TaskStatus.OPEN)
            .values(status=TaskStatus.CLAIMED, crew_id=crew_id, claimed_at=at)
            .returning(SwapTask.id)
        )
        return result.scalar_one_or_none() is not None

    async def complete_swap(self, task_id: uuid.UUID, crew_id: str, at: datetime) -> bool:
        result = await self._s.execute(
            update(SwapTask)
            .where(SwapTask.id == task_id, SwapTask.crew_id == crew_id, SwapTask.status == TaskStatus.CLAIMED)
            .values(status=TaskStatus.DONE, done_at=at)
            .returning(SwapTask.id)
        )
        return result.scalar_one_or_none() is not None

    async def release_expired_claims(self, claimed_before: datetime) -> int:
        result = await self._s.execute(
            update(SwapTask)
            .where(SwapTask.status == TaskStatus.CLAIMED, SwapTask.claimed_at < claimed_before)
            .values(status=TaskStatus.OPEN, crew_id=None, claimed_at=None)
            .returning(SwapTask.id)
        )
        return len(result.all())

    async def crew_stats(self, since: datetime) -> list[dict]:
        stmt = (
            select(
                SwapTask.crew_id,
                func.count().label("done"),
                func.avg(func.extract("epoch", SwapTask.done_at - SwapTask.claimed_at)).label("avg_s"),
            )
            .where(SwapTask.status == TaskStatus.DONE, SwapTask.done_at >= since)
            .group_by(SwapTask.crew_id)
            .order_by(func.count().desc())
            .limit(200)
        )
        return [
            {"crew_id": crew, "done": int(done), "avg_minutes": round(float(avg or 0) / 60, 1)}
            for crew, done, avg in (await self._s.execute(stmt)).all()
        ]

    async def claim_open_rebalance_jobs(self, limit: int) -> Sequence[RebalanceJob]:
        stmt = (
            select(RebalanceJob)
            .where(RebalanceJob.status == TaskStatus.OPEN)
            .order_by(RebalanceJob.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return (await self._s.execute(stmt)).scalars().all()

    async def add_rebalance_job(self, job: RebalanceJob) -> None:
        self._s.add(job)
        await self._s.flush()
