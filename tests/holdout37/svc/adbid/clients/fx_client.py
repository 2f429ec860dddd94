"""Currency conversion rates for advertisers billed outside USD."""
from __future__ import annotations

import logging
import threading
from decimal import Decimal

import httpx

from adbid.config import Settings

log = logging.getLogger(__name__)

SUPPORTED_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CAD", "AUD"})

_RATES: dict[str, Decimal] = {"USD": Decimal(1)}


class FxClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.fx_url)
        self._lock = threading.Lock()

    async def refresh(self) -> None:
        with self._lock:
            resp = await self._client.get("/v1/latest", params={"base": "USD"})
            resp.raise_for_status()
            rates = {k: Decimal(str(v)) for k, v in resp.json()["rates"].items() if k in SUPPORTED_CURRENCIES}
            _RATES.update(rates)
        log.info("fx rates refreshed: %s", sorted(rates))

    def rate(self, currency: str) -> Decimal:
        try:
            return _RATES[currency]
        except KeyError:
            raise ValueError(f"no fx rate for {currency}") from None

    def to_usd_micros(self, micros: int, currency: str) -> int:
        return int(Decimal(micros) / self.rate(currency))

    async def aclose(self) -> None:
        await self._client.aclose()
