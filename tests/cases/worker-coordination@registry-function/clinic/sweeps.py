import asyncio

import asyncpg


async def purge_loop(pool: asyncpg.Pool) -> None:
    while True:
        await pool.execute("DELETE FROM appointment_holds WHERE held_until < now()")
        await asyncio.sleep(120)
