"""Per-tenant storage quota, raw SQL through an asyncpg connection."""
import asyncpg


async def quota_and_usage(conn: asyncpg.Connection, tenant_id: int) -> tuple[int, int]:
    row = await conn.fetchrow("SELECT quota_bytes, used_bytes FROM tenants WHERE id = $1", tenant_id)
    return row["quota_bytes"], row["used_bytes"]


async def add_usage(conn: asyncpg.Connection, tenant_id: int, size: int) -> None:
    await conn.execute("UPDATE tenants SET used_bytes = used_bytes + $2 WHERE id = $1", tenant_id, size)
