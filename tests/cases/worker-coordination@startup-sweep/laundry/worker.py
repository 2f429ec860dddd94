"""The laundry-plant worker process; the deployment runs several copies (the cycle job takes a lease)."""
import asyncio

import asyncpg
from redis.asyncio import Redis


class Machines:
    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self.pool = pool
        self.redis = redis

    async def release_stuck_loads(self) -> int:
        stuck = await self.pool.fetch("SELECT id FROM loads WHERE state = 'washing' AND started_at < now() - interval '3 hours'")  # expect: worker-coordination
        for load in stuck:
            await self.pool.execute("UPDATE loads SET state = 'queued' WHERE id = $1", load["id"])
        return len(stuck)

    async def claim_abandoned(self) -> int:
        """Claims the rows it picks: copies starting together split them."""
        rows = await self.pool.fetch(
            "SELECT id FROM loads WHERE state = 'abandoned' LIMIT 50 FOR UPDATE SKIP LOCKED")
        for row in rows:
            await self.pool.execute("UPDATE loads SET state = 'returned' WHERE id = $1", row["id"])
        return len(rows)

    async def cycle(self) -> None:
        while True:
            if await self.redis.set("laundry:cycle", "1", nx=True, ex=50):
                await self.pool.execute("UPDATE machines SET cycles = cycles + 1 WHERE running")
            await asyncio.sleep(60)


async def main() -> None:
    pool = await asyncpg.create_pool("postgresql://laundry@db/laundry", command_timeout=10)
    redis = Redis.from_url("redis://cache", socket_timeout=2)
    machines = Machines(pool, redis)
    await machines.release_stuck_loads()
    await machines.claim_abandoned()
    cycling = asyncio.create_task(machines.cycle())
    await cycling


if __name__ == "__main__":
    asyncio.run(main())
