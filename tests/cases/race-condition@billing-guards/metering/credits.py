"""Prepaid credit balances in PostgreSQL."""
import asyncpg


class CreditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_balance(self, tenant_id: int) -> int:
        return await self._pool.fetchval("SELECT balance FROM credits WHERE tenant_id = $1", tenant_id) or 0

    async def set_balance(self, tenant_id: int, balance: int) -> None:
        await self._pool.execute("UPDATE credits SET balance = $2 WHERE tenant_id = $1", tenant_id, balance)

    async def debit(self, tenant_id: int, amount: int) -> bool:
        left = await self._pool.fetchval(
            "UPDATE credits SET balance = balance - $2 WHERE tenant_id = $1 AND balance >= $2 RETURNING balance",
            tenant_id, amount)
        return left is not None

    async def touch(self, tenant_id: int) -> None:
        await self._pool.execute("UPDATE credits SET seen_at = now() WHERE tenant_id = $1", tenant_id)

    async def charge(self, tenant_id: int, amount: int) -> None:
        await self._pool.execute("INSERT INTO charges (tenant_id, amount) VALUES ($1, $2)", tenant_id, amount)
