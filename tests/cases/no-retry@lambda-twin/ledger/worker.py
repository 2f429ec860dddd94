"""Background settlement loop."""
import asyncio

from ledger.client import LedgerClient
from ledger.settlement import Settlement


async def run(store) -> None:
    service = Settlement(LedgerClient("https://ledger.internal"), store)
    while True:
        for row in await store.pending():
            await service.settle(row)
        for row in await store.pending_priority():
            await service.settle_retrying(row)
        await service.close(await store.open_period())
        await service.close_late(await store.late_period())
        await asyncio.sleep(30)


def main() -> None:
    asyncio.run(run(None))
