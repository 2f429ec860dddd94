"""Invoice numbers per tenant, with asyncpg."""
import asyncpg


async def issue_invoice(pool: asyncpg.Pool, tenant_id: int, total: int) -> int:
    number = await pool.fetchval(  # expect: race-condition
        "SELECT COALESCE(MAX(number), 0) + 1 FROM invoices WHERE tenant_id = $1", tenant_id)
    await pool.execute("INSERT INTO invoices (tenant_id, number, total) VALUES ($1, $2, $3)", tenant_id, number, total)
    return number


async def issue_invoice_counter(pool: asyncpg.Pool, tenant_id: int, total: int) -> int:
    async with pool.acquire() as conn:
        async with conn.transaction():
            number = await conn.fetchval(
                "UPDATE invoice_counters SET next = next + 1 WHERE tenant_id = $1 RETURNING next", tenant_id)
            await conn.execute("INSERT INTO invoices (tenant_id, number, total) VALUES ($1, $2, $3)",
                               tenant_id, number, total)
    return number
