"""The jobs the API starts with the app; each is a thin wrapper over a service."""
import datetime as dt

from kennel.db import get_pool
from kennel.services.boarding import BoardingLedger, archive_checked_out, refresh_vaccination_flags


class KennelJobs:
    def __init__(self, ledger: BoardingLedger) -> None:
        self._ledger = ledger

    async def release_holds(self) -> None:
        released = await self._ledger.release_unpaid_holds()  # expect: worker-coordination
        if released:
            print(f"released {released} holds")

    async def overstays(self) -> None:
        await self._ledger.bill_overstays()  # coordinated: the service takes a lease


async def archive() -> None:
    await archive_checked_out(days=90)  # expect: worker-coordination


async def nightly_vaccinations() -> None:  # expect: worker-coordination
    """Several steps of its own: the job itself is the round's work."""
    pool = await get_pool()
    stale = await pool.fetchval("SELECT count(*) FROM pets WHERE vaccinated_at < $1", dt.date.today())
    if stale:
        await refresh_vaccination_flags()
