"""Card issuer client: one request helper, a retry policy on the public methods."""
from typing import Any

import aiohttp

from cards.policy import retry_transient


class IssuerClient:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def _json(self, method: str, path: str, **kwargs: Any) -> dict:
        async with self._session.request(method, path, **kwargs) as response:
            response.raise_for_status()
            return dict(await response.json())

    @retry_transient
    async def card(self, card_id: str) -> dict:
        return await self._json("GET", f"/cards/{card_id}")

    @retry_transient
    async def limits(self, card_id: str) -> dict:
        return await self._json("GET", f"/cards/{card_id}/limits")

    async def transactions(self, card_id: str) -> dict:
        return await self._json("GET", f"/cards/{card_id}/transactions")  # expect: no-retry

    async def report_lost(self, card_id: str) -> dict:
        # not safe to send twice without an idempotency key: left out of the retry on purpose
        return await self._json("POST", f"/cards/{card_id}/lost")


class LedgerClient:
    """The helper carries the retry itself: every method calling it is retried."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    @retry_transient
    async def _get(self, path: str) -> dict:
        async with self._session.get(path) as response:
            response.raise_for_status()
            return dict(await response.json())

    async def balance(self, account: str) -> dict:
        return await self._get(f"/accounts/{account}/balance")

    async def entries(self, account: str) -> dict:
        return await self._get(f"/accounts/{account}/entries")
