"""FX quotes over aiohttp: one session with the read limit switched off, one bounded."""
from __future__ import annotations

import aiohttp

from ledger.settings import FX_URL


class QuoteFeed:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=FX_URL,
            timeout=aiohttp.ClientTimeout(connect=2, sock_read=None),  # expect: missing-timeout
        )

    async def quote(self, pair: str) -> float:
        assert self._session is not None
        async with self._session.get(f"/quotes/{pair}") as resp:
            return float((await resp.json())["rate"])


class RateHistory:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def open(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=FX_URL,
            timeout=aiohttp.ClientTimeout(total=20, connect=2),
        )

    async def history(self, pair: str) -> list:
        assert self._session is not None
        async with self._session.get(f"/history/{pair}") as resp:
            return await resp.json()
