import asyncio
import functools

from app.config import POLL_INTERVAL_SECONDS

_client_cache = functools.lru_cache(maxsize=128)


class Store:
    async def expired(self, limit: int) -> list[int]:
        return []

    async def delete(self, ids: list[int], timeout: float = 0) -> None:
        return None


class Cleanup:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def run(self) -> None:
        while True:
            ids = await self.store.expired(limit=500)  # expect: magic-number
            await asyncio.wait_for(self.store.delete(ids), timeout=12.5)
            await asyncio.sleep(37)
            await asyncio.sleep(POLL_INTERVAL_SECONDS)

    async def once(self) -> None:
        await asyncio.sleep(1)
        await asyncio.sleep(0)
        await self.store.delete([], timeout=2)
        ids = await self.store.expired(limit=500)
        await self.store.delete(ids, timeout=-1)

    @functools.lru_cache(maxsize=256)
    def label(self) -> str:
        return "cleanup"
