from __future__ import annotations

from datetime import date, datetime

import aiohttp

from homegrid.config import Settings
from homegrid.models import PriceSlot


class TariffFeedClient:
    """Half-hourly price feed from the tariff aggregator."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.tariff_feed_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def day_prices(self, provider_code: str, day: date) -> list[PriceSlot]:
        assert self._session is not None
        async with self._session.get(
            f"{self._base}/v1/products/{provider_code}/rates", params={"date": day.isoformat()}
        ) as resp:
            body = await resp.json()
        return [
            PriceSlot(slot_start=datetime.fromisoformat(r["valid_from"]), price_pence=float(r["value_inc_vat"]))
            for r in body["results"]
        ]

    async def current_price(self, provider_code: str) -> float:
        assert self._session is not None
        async with self._session.get(f"{self._base}/v1/products/{provider_code}/rates/current") as resp:
            body = await resp.json()
        return float(body["value_inc_vat"])
