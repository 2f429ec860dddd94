"""Exchange rates, refreshed in the background and read by every quote."""
from __future__ import annotations

from decimal import Decimal

import httpx

_rates: dict[str, Decimal] = {"EUR": Decimal(1)}  # expect: global-mutable-state
_fees: dict[str, Decimal] = {}


class RatesClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url)

    async def refresh(self) -> None:
        resp = await self._http.get("/latest")
        resp.raise_for_status()
        _rates.update({k: Decimal(str(v)) for k, v in resp.json()["rates"].items()})

    async def load_fees(self) -> None:
        """Run once in the lifespan, before the app serves requests."""
        resp = await self._http.get("/fees")
        _fees.update({k: Decimal(str(v)) for k, v in resp.json().items()})

    def convert(self, amount: Decimal, currency: str) -> Decimal:
        return amount * _rates[currency] + _fees.get(currency, Decimal(0))


class RatesRefresher:
    def __init__(self, client: RatesClient, every_s: float = 60.0) -> None:
        self._client = client
        self._every = every_s

    async def run(self) -> None:
        import asyncio

        while True:
            await self._client.refresh()
            await asyncio.sleep(self._every)
