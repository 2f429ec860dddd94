"""Tenant credit balances, raw SQL over a shared asyncpg pool."""
import asyncpg

POOL: asyncpg.Pool | None = None


async def credits(tenant_id: int) -> int:
    return await POOL.fetchval("SELECT credits FROM tenants WHERE id = $1", tenant_id)


async def set_credits(tenant_id: int, value: int) -> None:
    await POOL.execute("UPDATE tenants SET credits = $2 WHERE id = $1", tenant_id, value)


async def add_credits(tenant_id: int, delta: int) -> None:
    await POOL.execute("UPDATE tenants SET credits = credits + $2 WHERE id = $1", tenant_id, delta)


async def seats(tenant_id: int) -> int:
    return await POOL.fetchval("SELECT seats FROM tenants WHERE id = $1", tenant_id)


async def set_seats(tenant_id: int, value: int) -> None:
    await POOL.execute("UPDATE tenants SET seats = $2 WHERE id = $1", tenant_id, value)


async def add_seats(tenant_id: int, delta: int) -> None:
    await POOL.execute("UPDATE tenants SET seats = seats + $2 WHERE id = $1", tenant_id, delta)
