"""Results provider: every read goes through `_get`, which retries `_get_once`; one read does not."""
from typing import Any

import aiohttp

from scores.retrying import retry_async


class ResultsClient:
    def __init__(self, base_url: str) -> None:
        self._session = aiohttp.ClientSession(base_url=base_url, timeout=aiohttp.ClientTimeout(total=8))

    async def _get_once(self, path: str) -> Any:
        async with self._session.get(path) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def _get(self, path: str) -> Any:
        return await retry_async(self._get_once, path, attempts=3)

    async def fixtures(self, day: str) -> list[dict]:
        return (await self._get(f"/fixtures/{day}"))["fixtures"]

    async def incidents(self, match: str) -> list[dict]:
        return (await self._get(f"/matches/{match}/incidents"))["incidents"]

    async def standings(self, league: str) -> list[dict]:
        return (await self._get(f"/leagues/{league}/standings"))["rows"]

    async def final_result(self, match: str) -> dict:
        async with self._session.get(f"/matches/{match}/result") as resp:  # expect: no-retry
            resp.raise_for_status()
            return await resp.json()
