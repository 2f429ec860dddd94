import asyncpg

from desk.locks import KeyedLocks, member_key, plan_key


class Proration:
    def __init__(self, pool: asyncpg.Pool, locks: KeyedLocks) -> None:
        self._pool = pool
        self._locks = locks

    async def credit(self, member_id: int) -> int:
        async with self._locks.hold(member_key(member_id)):  # expect: deadlock
            return await self._pool.fetchval("SELECT credit FROM members WHERE id = $1", member_id)

    async def plan_credit(self, plan_id: int) -> int:
        async with self._locks.hold(plan_key(plan_id)):
            return await self._pool.fetchval("SELECT credit FROM plans WHERE id = $1", plan_id)


class Billing:
    def __init__(self, pool: asyncpg.Pool, locks: KeyedLocks, proration: Proration) -> None:
        self._pool = pool
        self._locks = locks
        self._proration = proration

    async def close_month(self, member_id: int) -> int:
        async with self._locks.hold(member_key(member_id)):
            return await self._proration.credit(member_id)

    async def close_plan(self, member_id: int, plan_id: int) -> int:
        # a key built by another builder (another namespace) is another lock
        async with self._locks.hold(member_key(member_id)):
            return await self._proration.plan_credit(plan_id)

    async def close_for(self, member_id: int, other_id: int) -> int:
        # the same builder given another value builds another key
        async with self._locks.hold(member_key(member_id)):
            return await self._proration.credit(other_id)
