"""Currency conversion for localised price display."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import httpx

from svc.config import Settings

_rates: dict[tuple[str, str, datetime], Decimal] = {}


class FxClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(base_url=settings.fx_base_url, timeout=3.0)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def rate(self, base: str, quote: str) -> Decimal:
        minute = datetime.now(timezone.utc).replace(second=0, microsecond=0)
        key = (base, quote, minute)
        if key in _rates:
            return _rates[key]
        resp = await self._client.get("/latest", params={"base": base, "symbols": quote})
        resp.raise_for_status()
        value = Decimal(str(resp.json()["rates"][quote]))
        _rates[key] = value
        return value

    async def convert(self, amount_cents: int, base: str, quote: str) -> int:
        if base == quote:
            return amount_cents
        return int(Decimal(amount_cents) * await self.rate(base, quote))
