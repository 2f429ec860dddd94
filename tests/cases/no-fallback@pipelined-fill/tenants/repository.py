"""Tenant rows in PostgreSQL."""
import asyncpg


class TenantRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def load_limits(self, tenant_id: int):
        from tenants.limits import Limits

        row = await self._pool.fetchrow("SELECT plan, per_minute FROM tenants WHERE id = $1", tenant_id)
        return Limits(row["plan"], row["per_minute"])
