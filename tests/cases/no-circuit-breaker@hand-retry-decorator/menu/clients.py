"""Clients of the kitchen display and the allergen catalogue."""
import aiohttp

from menu.support import async_retry, timed


class KitchenClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=5))

    @async_retry(attempts=3, backoff=0.5)
    async def _request(self, method: str, path: str) -> dict:
        async with self._session.request(method, path) as resp:  # expect: no-circuit-breaker
            resp.raise_for_status()
            return await resp.json()

    async def ticket(self, table: str) -> dict:
        return await self._request("GET", f"/tickets/{table}")


class AllergenClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=5))

    @timed
    async def lookup(self, dish: str) -> dict:
        async with self._session.get(f"/dishes/{dish}") as resp:
            resp.raise_for_status()
            return await resp.json()
