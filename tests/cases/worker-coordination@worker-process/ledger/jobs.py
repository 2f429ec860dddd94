import asyncio

import asyncpg
from redis.asyncio import Redis

from ledger.locks import leader


class Settlement:
    """Takes the leader lock each round: the deployment runs several copies of this process."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self.pool = pool
        self.redis = redis

    async def run(self) -> None:
        while True:
            async with leader(self.redis, "settlement", 50_000) as won:
                if won:
                    await self.pool.execute("UPDATE transfers SET settled = true WHERE due_at < now()")
            await asyncio.sleep(60)


class Interest:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def accrue(self) -> None:
        accounts = await self.pool.fetch("SELECT id, balance FROM accounts WHERE accrued_on < current_date")  # expect: worker-coordination
        for account in accounts:
            await self.pool.execute("UPDATE accounts SET balance = balance * 1.0001, accrued_on = current_date "
                                    "WHERE id = $1", account["id"])

    async def run(self) -> None:
        while True:
            await self.accrue()
            await asyncio.sleep(3600)
