"""A price feed: its health check runs under the monitor's deadline, its price poll does not."""
import asyncio
import logging

import aiohttp
import asyncpg

from feeds.monitor import Monitor
from feeds.tools import git_revision

log = logging.getLogger(__name__)


class PriceFeed(Monitor):
    def __init__(self, base_url: str, dsn: str) -> None:
        super().__init__()
        self._base_url = base_url
        self._dsn = dsn
        self._pool: asyncpg.Pool | None = None
        self.last_price = 0.0

    async def check(self) -> bool:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{self._base_url}/health") as resp:
                return resp.status == 200

    async def fetch_price(self) -> float:
        async with aiohttp.ClientSession() as session:  # expect: missing-timeout
            async with session.get(f"{self._base_url}/price") as resp:
                return float((await resp.json())["price"])

    async def record(self, price: float) -> None:
        if self._pool is None:
            self._pool = await asyncpg.create_pool(self._dsn)  # expect: missing-timeout
        async with self._pool.acquire() as conn:  # expect: missing-timeout
            await conn.execute("INSERT INTO prices (value) VALUES ($1)", price)

    async def poll(self) -> None:
        log.info("price feed at revision %s", await git_revision())
        while True:
            try:
                self.last_price = await self.fetch_price()
                await self.record(self.last_price)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("price poll failed")
            await asyncio.sleep(5)


def start(feed: PriceFeed) -> None:
    asyncio.create_task(feed.watch())
    asyncio.create_task(feed.poll())
