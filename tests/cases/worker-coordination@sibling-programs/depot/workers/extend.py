"""Extends leases about to end: a sibling of purge.py, deployed the same way, but with no lock."""
import asyncio

from depot.db import SessionLocal
from depot.services import LeaseService
from depot.workers.common import run_periodic


async def extend_batch() -> None:
    async with SessionLocal() as session:
        service = LeaseService(session)
        leases = await service.due(days_ahead=7)  # expect: worker-coordination
        for lease in leases:
            await service.extend(lease)


async def main() -> None:
    await run_periodic(3600, extend_batch)


if __name__ == "__main__":
    asyncio.run(main())
