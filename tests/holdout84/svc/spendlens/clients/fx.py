from __future__ import annotations

import logging
import threading
import time
from decimal import Decimal

import httpx

from ..settings import Settings

logger = logging.getLogger(__name__)

_rates_lock = threading.Lock()
RATES_TTL_SECONDS = 3600


class FxRates:
    """Daily FX rates for normalising spend into the tenant's reporting currency."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.fx_api_url, timeout=None)
        self._rates: dict[str, Decimal] = {"USD": Decimal(1)}
        self._fetched_at = 0.0

    def _stale(self) -> bool:
        return time.monotonic() - self._fetched_at > RATES_TTL_SECONDS

    async def _refresh(self) -> None:
        try:
            resp = await self._http.get("/v1/latest", params={"base": "USD"})
            resp.raise_for_status()
        except httpx.HTTPError:
            logger.warning("fx refresh failed, keeping rates from %.0fs ago", time.monotonic() - self._fetched_at)
            return
        self._rates = {code: Decimal(str(rate)) for code, rate in resp.json()["rates"].items()}
        self._rates["USD"] = Decimal(1)
        self._fetched_at = time.monotonic()

    async def convert(self, amount: Decimal, currency: str, target: str) -> Decimal:
        if currency == target:
            return amount
        with _rates_lock:
            if self._stale():
                await self._refresh()
            rates = self._rates
        return amount / rates[currency] * rates[target]

    async def aclose(self) -> None:
        await self._http.aclose()
