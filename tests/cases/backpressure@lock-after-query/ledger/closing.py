"""Month-end close: one coroutine per tenant, each rating usage before it takes the locks."""
import asyncio

import asyncpg


class PeriodCloser:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._ledger_lock = asyncio.Lock()
        self._slots = asyncio.Semaphore(8)

    async def _usage_total(self, tenant_id: int) -> int:
        async with self._pool.acquire() as conn:
            return await conn.fetchval("SELECT sum(quantity) FROM usage WHERE tenant_id = $1", tenant_id)

    async def _close_one(self, tenant_id: int) -> None:
        """The rating query runs for every tenant at once; the lock only orders the ledger write."""
        total = await self._usage_total(tenant_id)
        async with self._ledger_lock:
            async with self._pool.acquire() as conn:
                await conn.execute("INSERT INTO invoices (tenant_id, total) VALUES ($1, $2)", tenant_id, total)

    async def _close_one_bounded(self, tenant_id: int) -> None:
        async with self._slots:
            total = await self._usage_total(tenant_id)
            async with self._pool.acquire() as conn:
                await conn.execute("INSERT INTO invoices (tenant_id, total) VALUES ($1, $2)", tenant_id, total)

    async def _active(self) -> list[int]:
        async with self._pool.acquire() as conn:
            return [r["id"] for r in await conn.fetch("SELECT id FROM tenants WHERE active")]

    async def close_all(self) -> None:
        tenant_ids = await self._active()
        await asyncio.gather(*(self._close_one(t) for t in tenant_ids))  # expect: backpressure

    async def close_all_bounded(self) -> None:
        tenant_ids = await self._active()
        await asyncio.gather(*(self._close_one_bounded(t) for t in tenant_ids))
