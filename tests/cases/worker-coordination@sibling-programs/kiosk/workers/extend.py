"""Extends leases about to end: one process, like purge.py."""
import asyncio

from kiosk.db import SessionLocal
from kiosk.services import LeaseService
from kiosk.workers.common import run_periodic


async def extend_batch() -> None:
    async with SessionLocal() as session:
        service = LeaseService(session)
        leases = await service.due(days_ahead=7)
        for lease in leases:
            await service.extend(lease)


async def main() -> None:
    await run_periodic(3600, extend_batch)


if __name__ == "__main__":
    asyncio.run(main())
