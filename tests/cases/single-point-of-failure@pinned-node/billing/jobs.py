"""Background rounds of the billing API."""
import asyncio

import asyncpg


class Invoicer:
    """Closes the day's usage into invoices."""

    def __init__(self, pool: asyncpg.Pool, interval: float = 300.0) -> None:
        self._pool = pool
        self._interval = interval
        self._task = None

    def start(self) -> None:
        self._task = asyncio.create_task(self.run())

    async def run(self) -> None:
        while True:
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("UPDATE usage SET invoiced = true WHERE invoiced = false")
            await asyncio.sleep(self._interval)


class PriceWarmer:
    """Keeps this process's price table fresh."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.prices: dict[str, int] = {}

    async def run(self) -> None:
        while True:
            async with self._pool.acquire(timeout=5) as conn:
                rows = await conn.fetch("SELECT sku, cents FROM prices")
            self.prices = {r["sku"]: r["cents"] for r in rows}
            await asyncio.sleep(60)
