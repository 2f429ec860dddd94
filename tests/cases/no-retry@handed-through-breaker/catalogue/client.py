"""The library consortium's catalogue service: titles and covers in, loans and holds out."""
from typing import Any

import aiohttp

from catalogue.guards import Breaker, retry_async


class CatalogueClient:
    def __init__(self, base: str) -> None:
        self._base = base
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20))
        self._breaker = Breaker("catalogue")

    async def fetch_titles(self, since: str) -> list[dict[str, Any]]:
        return await self._breaker.call(self._titles, since)

    async def _titles(self, since: str) -> list[dict[str, Any]]:
        async with self._session.get(f"{self._base}/titles", params={"since": since}) as resp:  # expect: no-retry
            resp.raise_for_status()
            return (await resp.json())["items"]

    async def fetch_covers(self, since: str) -> bytes:
        return await retry_async(self._covers, since, attempts=4)

    async def _covers(self, since: str) -> bytes:
        async with self._session.get(f"{self._base}/covers.zip", params={"since": since}) as resp:
            resp.raise_for_status()
            return await resp.read()

    async def push_loans(self, rows: list[dict[str, Any]]) -> None:
        # the breaker runs the retry helper, which runs the request: retried
        await self._breaker.call(retry_async, self._post_loans, rows, attempts=3)

    async def _post_loans(self, rows: list[dict[str, Any]]) -> None:
        async with self._session.post(f"{self._base}/loans", json={"rows": rows}) as resp:
            resp.raise_for_status()

    async def push_holds(self, rows: list[dict[str, Any]]) -> None:
        # a POST with no idempotency key: left out of the retry on purpose
        await self._breaker.call(self._post_holds, rows)

    async def _post_holds(self, rows: list[dict[str, Any]]) -> None:
        async with self._session.post(f"{self._base}/holds", json={"rows": rows}) as resp:
            resp.raise_for_status()
