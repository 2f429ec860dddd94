"""Exchange rates for displaying prices and converting payouts."""
from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import aiohttp

from svc.errors import ProviderUnavailableError

log = logging.getLogger(__name__)


class FxClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None
        self._last_good: dict[str, dict[str, Decimal]] = {}

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, timeout=aiohttp.ClientTimeout(total=5, connect=2))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def latest(self, base: str = "USD") -> dict[str, Decimal]:
        """Latest rates for `base`; falls back to the last good answer if the provider is down."""
        if self._session is None:
            raise RuntimeError("FxClient.start() was not called")
        try:
            async with self._session.get("/v1/latest", params={"base": base}) as resp:
                resp.raise_for_status()
                payload = await resp.json()
        except (aiohttp.ClientError, asyncio.TimeoutError):
            cached = self._last_good.get(base)
            if cached is not None:
                log.warning("fx provider unavailable; serving last known %s rates", base)
                return dict(cached)
            raise ProviderUnavailableError("exchange rates unavailable") from None
        rates = {code: Decimal(str(value)) for code, value in payload["rates"].items()}
        self._last_good[base] = rates
        return dict(rates)
