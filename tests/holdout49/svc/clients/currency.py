"""Display-currency conversion for bidders browsing in non-EUR currencies."""
from __future__ import annotations

import asyncio
import logging
import time

import httpx

from svc.config import get_settings

log = logging.getLogger(__name__)


class CurrencyClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._rates: dict[str, float] = {"EUR": 1.0}
        self._fetched_at = 0.0
        self._refresh_lock = asyncio.Lock()

    async def _refresh(self) -> None:
        resp = await self._client.get(get_settings().currency_url, params={"base": "EUR"})
        resp.raise_for_status()
        self._rates = {k.upper(): float(v) for k, v in resp.json()["rates"].items()}
        self._fetched_at = time.monotonic()

    async def rate(self, currency: str) -> float:
        currency = currency.upper()
        if time.monotonic() - self._fetched_at > 300:
            async with self._refresh_lock:
                if time.monotonic() - self._fetched_at > 300:
                    try:
                        await self._refresh()
                    except httpx.HTTPError:
                        log.exception("fx refresh failed, serving rates from %.0fs ago",
                                      time.monotonic() - self._fetched_at)
        return self._rates.get(currency, 1.0)

    async def convert(self, amount_cents: int, currency: str) -> int:
        return round(amount_cents * await self.rate(currency))
