"""Flags overdue leases every round; only the weekly digest is locked, the flagging runs in every copy."""
import asyncio
from datetime import datetime, timezone

from redis.asyncio import Redis

from depot.db import SessionLocal
from depot.repository import LeaseRepository
from depot.workers.common import run_periodic

redis = Redis(host="cache", socket_timeout=2)


async def tick() -> None:
    async with SessionLocal() as session:
        leases = LeaseRepository(session)
        now = datetime.now(timezone.utc)
        flagged = await leases.flag_overdue(now)  # expect: worker-coordination
        week = now.strftime("%G-%V")
        if await redis.set(f"lock:lease-digest:{week}", "1", nx=True, ex=8 * 86400):
            await leases.purge_ended(now)
        print("flagged", flagged)


async def main() -> None:
    await run_periodic(3600, tick)


if __name__ == "__main__":
    asyncio.run(main())
