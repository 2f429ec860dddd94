from __future__ import annotations

from labflow.locking import KeyedLocks


class RunService:
    def __init__(self, db, locks: KeyedLocks) -> None:
        self._db = db
        self._locks = locks

    async def assign_pool(self, run_id: int, pool_id: int, lane: int) -> None:
        async with self._locks.hold(f"run:{run_id}"):
            await self._db.check_lane(run_id, lane)
            async with self._locks.hold(f"pool:{pool_id}"):  # expect: deadlock
                await self._db.place(pool_id, run_id, lane)

    async def refresh_lane_plan(self, run_id: int) -> None:
        async with self._locks.hold(f"run:{run_id}"):
            await self._db.replan(run_id)

    async def attach_sheet(self, run_id: int, sheet_id: int) -> None:
        # run before sheet, and nowhere the other way round
        async with self._locks.hold(f"run:{run_id}"):
            async with self._locks.hold(f"sheet:{sheet_id}"):
                await self._db.attach(run_id, sheet_id)
