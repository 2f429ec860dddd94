"""Background loops of the fleet API."""
import asyncio

from fleet.repo import delete_old_trips, mark_mileage_invoiced, release_expired_leases


class LeaseExpirer:
    async def run(self) -> None:
        while True:
            await release_expired_leases()  # expect: worker-coordination
            await asyncio.sleep(60)


async def purge_trips() -> None:
    while True:
        await delete_old_trips()  # expect: worker-coordination
        await asyncio.sleep(3600)


async def invoice_mileage() -> None:
    while True:
        await mark_mileage_invoiced()
        await asyncio.sleep(900)
