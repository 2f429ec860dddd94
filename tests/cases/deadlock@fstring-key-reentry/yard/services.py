import asyncpg

from yard.locks import KeyedLocks


class Deadlines:
    def __init__(self, pool: asyncpg.Pool, locks: KeyedLocks) -> None:
        self._pool = pool
        self._locks = locks

    async def rebase(self, bay_id: int) -> None:
        async with self._locks.get(f"bay:{bay_id}"):  # expect: deadlock
            await self._pool.execute("UPDATE tasks SET due = now() WHERE bay_id = $1", bay_id)

    async def rebase_crane(self, crane_id: int) -> None:
        async with self._locks.get(f"crane:{crane_id}"):
            await self._pool.execute("UPDATE tasks SET due = now() WHERE crane_id = $1", crane_id)


class Allocation:
    def __init__(self, pool: asyncpg.Pool, locks: KeyedLocks, deadlines: Deadlines) -> None:
        self._pool = pool
        self._locks = locks
        self._deadlines = deadlines

    async def assign(self, bay_id: int) -> None:
        async with self._locks.get(f"bay:{bay_id}"):
            await self._pool.execute("UPDATE bays SET taken = true WHERE id = $1", bay_id)
            await self._deadlines.rebase(bay_id)

    async def assign_crane(self, bay_id: int, crane_id: int) -> None:
        # another template names another lock
        async with self._locks.get(f"bay:{bay_id}"):
            await self._deadlines.rebase_crane(crane_id)

    async def assign_other(self, bay_id: int, other_id: int) -> None:
        # the same template filled with another value is another lock
        async with self._locks.get(f"bay:{bay_id}"):
            await self._deadlines.rebase(other_id)
