"""The ledger's worker process: `python -m ledger.worker`, deployed with several replicas."""
import asyncio

import asyncpg
from redis.asyncio import Redis

from ledger.jobs import Interest, Settlement


async def main() -> None:
    pool = await asyncpg.create_pool("postgresql://ledger@db/ledger", command_timeout=30)
    redis = Redis(host="cache", socket_timeout=2)
    await asyncio.gather(
        asyncio.create_task(Settlement(pool, redis).run()),
        asyncio.create_task(Interest(pool).run()),
    )


if __name__ == "__main__":
    asyncio.run(main())
