"""One-off backfill script: the process exits when it is done and drops its connection."""
import asyncio

import asyncpg


async def backfill(dsn: str) -> None:
    conn = await asyncpg.connect(dsn)
    await conn.execute("UPDATE entries SET amount = amount * 100 WHERE legacy")
    await conn.close()


if __name__ == "__main__":
    asyncio.run(backfill("postgresql://ledger@db/ledger"))
