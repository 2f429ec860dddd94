import asyncpg

from yard.locks import BlockLocks


class Cranes:
    def __init__(self, pool: asyncpg.Pool, locks: BlockLocks) -> None:
        self._pool = pool
        self._locks = locks

    async def enqueue(self, block_id: int, container_id: int) -> None:
        async with self._locks.block(block_id):  # expect: deadlock
            await self._pool.execute("INSERT INTO moves (block_id, container_id) VALUES ($1, $2)",
                                     block_id, container_id)


class Planner:
    def __init__(self, pool: asyncpg.Pool, locks: BlockLocks, cranes: Cranes) -> None:
        self._pool = pool
        self._locks = locks
        self._cranes = cranes

    async def commit(self, block_id: int, container_id: int) -> None:
        async with self._locks.block(block_id):
            await self._pool.execute("UPDATE slots SET taken = true WHERE block_id = $1", block_id)
            await self._cranes.enqueue(block_id, container_id)

    async def transfer(self, from_block: int, to_block: int, container_id: int) -> None:
        # the crane queue of the destination block: another key, another lock of the family
        async with self._locks.block(from_block):
            await self._pool.execute("UPDATE slots SET taken = false WHERE block_id = $1", from_block)
        await self._cranes.enqueue(to_block, container_id)
