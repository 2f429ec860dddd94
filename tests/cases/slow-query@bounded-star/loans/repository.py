"""Raw SQL reads."""
import asyncpg

PAYMENT_COLUMNS = "id, amount, currency, status, created_at"


async def appraisals_for(pool: asyncpg.Pool, application_id: int) -> list[asyncpg.Record]:
    # no query names the columns of appraisals, and this reads one application's few rows
    return await pool.fetch("SELECT * FROM appraisals WHERE application_id = $1 ORDER BY created_at DESC", application_id)


async def appraisals_after(pool: asyncpg.Pool, last_id: int) -> list[asyncpg.Record]:
    return await pool.fetch("SELECT * FROM appraisals WHERE id > $1 ORDER BY id LIMIT 500", last_id)


async def recent_payments(pool: asyncpg.Pool, application_id: int) -> list[asyncpg.Record]:
    return await pool.fetch(f"SELECT {PAYMENT_COLUMNS} FROM payments WHERE application_id = $1 LIMIT 20", application_id)


async def payments_for(pool: asyncpg.Pool, application_id: int) -> list[asyncpg.Record]:
    # the team names the columns it reads from payments elsewhere: this query is the one that does not
    return await pool.fetch("SELECT * FROM payments WHERE application_id = $1", application_id)  # expect: slow-query
