"""Counts leases before taking the lock: a read, so only the locked purge changes shared state."""
import asyncio
from datetime import datetime, timedelta, timezone

from redis.asyncio import Redis

from depot.db import SessionLocal
from depot.repository import LeaseRepository
from depot.workers.common import run_periodic

redis = Redis(host="cache", socket_timeout=2)


async def tick() -> None:
    async with SessionLocal() as session:
        leases = LeaseRepository(session)
        now = datetime.now(timezone.utc)
        ending = await leases.count_ending(now + timedelta(days=7))
        if await redis.set(f"lock:census:{now:%Y-%m-%d}", "1", nx=True, ex=86400):
            await leases.purge_ended(now - timedelta(days=365))
        print("ending soon", ending)


async def main() -> None:
    await run_periodic(86400, tick)


if __name__ == "__main__":
    asyncio.run(main())
