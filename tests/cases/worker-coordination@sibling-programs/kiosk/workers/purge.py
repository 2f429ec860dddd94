"""Purges ended leases; nothing in the kiosk's workers coordinates, so each runs as one process."""
import asyncio
from datetime import datetime, timedelta, timezone

from kiosk.db import SessionLocal
from kiosk.repository import LeaseRepository
from kiosk.workers.common import run_periodic


async def purge_once() -> None:
    async with SessionLocal() as session:
        cutoff = datetime.now(timezone.utc) - timedelta(days=90)
        await LeaseRepository(session).purge_ended(cutoff)


async def main() -> None:
    await run_periodic(3600, purge_once)


if __name__ == "__main__":
    asyncio.run(main())
