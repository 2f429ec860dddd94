import asyncio

import asyncpg


async def accrue_interest(pool: asyncpg.Pool, stop: asyncio.Event) -> None:
    while not stop.is_set():
        accounts = await pool.fetch("SELECT id, balance FROM accounts WHERE accrued_on < current_date")
        for account in accounts:
            await pool.execute("UPDATE accounts SET balance = $1, accrued_on = current_date WHERE id = $2",
                               account["balance"] * 1.0001, account["id"])
        await asyncio.sleep(3600)


async def close_statements(pool: asyncpg.Pool, stop: asyncio.Event) -> None:
    while not stop.is_set():
        await pool.execute("UPDATE statements SET closed = true WHERE period_end < now()")
        await asyncio.sleep(3600)
