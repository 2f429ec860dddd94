"""Persistence for ledger totals."""
import asyncpg


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def post_totals(self, tenant_id: int) -> None:
        await self._pool.execute("UPDATE ledgers SET posted = true WHERE tenant_id = $1", tenant_id)

    async def mark_closed(self, tenant_id: int) -> None:
        await self._pool.execute("UPDATE periods SET closed = true WHERE tenant_id = $1", tenant_id)

    async def totals(self, tenant_id: int) -> dict:
        return dict(await self._pool.fetchrow("SELECT * FROM ledgers WHERE tenant_id = $1", tenant_id))

    async def void(self, tenant_id: int, invoice_id: int) -> None:
        await self._pool.execute("UPDATE invoices SET status = 'void' WHERE tenant_id = $1 AND id = $2",
                                 tenant_id, invoice_id)
