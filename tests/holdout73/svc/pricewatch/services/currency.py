from __future__ import annotations

import logging
import time
from decimal import Decimal

import httpx

log = logging.getLogger(__name__)


class FxClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Accept": "application/json"})

    async def latest(self, base: str = "USD") -> dict[str, Decimal]:
        resp = await self._http.get("/latest", params={"base": base})
        resp.raise_for_status()
        payload = resp.json()
        return {code: Decimal(str(rate)) for code, rate in payload["rates"].items()}

    async def aclose(self) -> None:
        await self._http.aclose()


_RATES: dict[str, Decimal] = {}
_rates_fetched_at = 0.0
RATES_MAX_AGE = 3600.0


async def _refresh(client: FxClient) -> None:
    global _rates_fetched_at
    rates = await client.latest("USD")
    _RATES.clear()
    _RATES.update(rates)
    _RATES["USD"] = Decimal(1)
    _rates_fetched_at = time.monotonic()
    log.info("fx rates refreshed (%d currencies)", len(rates))


async def convert(client: FxClient, amount: Decimal, src: str, dst: str) -> Decimal:
    if src == dst:
        return amount
    if not _RATES or time.monotonic() - _rates_fetched_at > RATES_MAX_AGE:
        await _refresh(client)
    usd = amount / _RATES[src]
    return (usd * _RATES[dst]).quantize(Decimal("0.01"))
