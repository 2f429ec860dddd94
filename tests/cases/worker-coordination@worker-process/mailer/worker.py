"""A worker process with no sign of several copies: nothing in it coordinates, so it is one."""
import asyncio

import asyncpg


async def purge(pool: asyncpg.Pool) -> None:
    while True:
        await pool.execute("DELETE FROM outbound_mail WHERE sent_at < now() - interval '7 days'")
        await asyncio.sleep(3600)


async def main() -> None:
    pool = await asyncpg.create_pool("postgresql://mail@db/mail", command_timeout=30)
    await asyncio.create_task(purge(pool))


if __name__ == "__main__":
    asyncio.run(main())
