"""Odds provider: live prices per match and the list of offered markets."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

from svc.config import settings
from svc.errors import UpstreamError
from svc.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)


class OddsProviderClient:
    def __init__(self, breaker: CircuitBreaker) -> None:
        self._breaker = breaker
        self._base = settings.odds_base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=3.0, connect=1.0),
            headers={"X-Api-Key": settings.odds_api_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _get(self, url: str, params: dict[str, Any] | None = None) -> Any:
        assert self._session is not None
        async with self._session.get(url, params=params) as resp:
            if resp.status != 200:
                raise UpstreamError("odds", f"{url} -> {resp.status}")
            return await resp.json()

    async def fetch_prices(self, match_id: int) -> dict[str, Any]:
        """Current prices for every open market of a match."""
        assert self._session is not None
        async with self._session.get(f"{self._base}/prices/{match_id}") as resp:
            if resp.status != 200:
                raise UpstreamError("odds", f"prices for {match_id} -> {resp.status}")
            return await resp.json()

    async def fetch_market_list(self, match_id: int) -> list[dict[str, Any]]:
        body = await retry_async(
            self._breaker.call,
            self._get,
            f"{self._base}/markets",
            {"match": match_id},
            attempts=2,
            retry_on=(aiohttp.ClientConnectionError,),
        )
        return body["markets"]
