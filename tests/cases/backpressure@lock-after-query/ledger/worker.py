"""Runs the month-end close once a day."""
import asyncio

import asyncpg

from ledger.closing import PeriodCloser


async def main() -> None:
    pool = await asyncpg.create_pool("postgresql://db/ledger")
    closer = PeriodCloser(pool)
    while True:
        await closer.close_all()
        await closer.close_all_bounded()
        await asyncio.sleep(86400)


if __name__ == "__main__":
    asyncio.run(main())
