from __future__ import annotations

from labflow.locking import KeyedLocks
from labflow.services.runs import RunService


class PoolingService:
    def __init__(self, db, locks: KeyedLocks, runs: RunService) -> None:
        self._db = db
        self._locks = locks
        self._runs = runs

    async def finalize_pool(self, pool_id: int) -> None:
        async with self._locks.hold(f"pool:{pool_id}"):
            run_id = await self._db.finalize(pool_id)
            if run_id is not None:
                await self._runs.refresh_lane_plan(run_id)

    async def merge_pools(self, a: int, b: int) -> None:
        first, second = sorted((a, b))
        async with self._locks.hold(f"pool:{first}"):
            async with self._locks.hold(f"pool:{second}"):
                await self._db.merge(first, second)

    async def add_sample(self, pool_id: int, sample_id: int) -> None:
        # pool before sample here and in relabel: one order, no cycle
        async with self._locks.hold(f"pool:{pool_id}"):
            async with self._locks.hold(f"sample:{sample_id}"):
                await self._db.add_sample(pool_id, sample_id)

    async def relabel(self, pool_id: int, sample_id: int, label: str) -> None:
        async with self._locks.hold(f"pool:{pool_id}"):
            await self._relabel_sample(sample_id, label)

    async def _relabel_sample(self, sample_id: int, label: str) -> None:
        async with self._locks.hold(f"sample:{sample_id}"):
            await self._db.relabel(sample_id, label)
