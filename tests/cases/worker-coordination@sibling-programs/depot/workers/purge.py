"""Purges ended leases; takes an advisory lock because the worker programs run with several replicas."""
import asyncio
from datetime import datetime, timedelta, timezone

from depot.db import SessionLocal
from depot.repository import LeaseRepository
from depot.workers.common import advisory_lock, run_periodic

LOCK_KEY = 7201


async def purge_once() -> None:
    async with SessionLocal() as session, advisory_lock(session, LOCK_KEY) as leader:
        if not leader:
            return
        cutoff = datetime.now(timezone.utc) - timedelta(days=90)
        await LeaseRepository(session).purge_ended(cutoff)


async def main() -> None:
    await run_periodic(3600, purge_once)


if __name__ == "__main__":
    asyncio.run(main())
