"""Energy market prices and the distribution grid operator's capacity API."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import date
from typing import Any

import aiohttp
import backoff
import requests

from svc.config import settings
from svc.errors import MarketUnavailable

log = logging.getLogger(__name__)


class EnergyMarketClient:
    """Day-ahead and spot prices for the bidding zones our sites are in."""

    def __init__(self) -> None:
        self._base = settings.market_base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(raise_for_status=True, headers={"Accept": "application/json"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @backoff.on_exception(backoff.expo, (aiohttp.ClientError, asyncio.TimeoutError), max_tries=3, max_time=20)
    async def _get_json(self, path: str, **params: Any) -> Any:
        assert self._session is not None, "market client not started"
        async with self._session.get(f"{self._base}{path}", params=params or None) as resp:
            return await resp.json()

    async def spot_price(self, zone: str) -> float:
        """Current spot price in EUR/kWh."""
        try:
            data = await self._get_json(f"/spot/{zone}/current")
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise MarketUnavailable(f"spot price for {zone} unavailable") from exc
        return float(data["price_eur_mwh"]) / 1000.0

    async def day_ahead_prices(self, zone: str, day: date) -> list[float]:
        """Hourly day-ahead prices in EUR/kWh, index = hour of day (UTC)."""
        try:
            data = await self._get_json(f"/day-ahead/{zone}", date=day.isoformat())
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            raise MarketUnavailable(f"day-ahead prices for {zone} unavailable") from exc
        return [float(p["price_eur_mwh"]) / 1000.0 for p in data["prices"]]


class GridOperatorClient:
    """Client for the DSO's connection capacity and flexibility API. Synchronous (requests)."""

    def __init__(self) -> None:
        self._base = settings.grid_base_url.rstrip("/")
        self._http = requests.Session()
        self._http.headers.update({"X-Api-Key": settings.grid_api_key, "Accept": "application/json"})

    def _get_json(self, path: str) -> dict[str, Any]:
        resp = self._http.get(f"{self._base}{path}", timeout=(3.05, 10))
        resp.raise_for_status()
        return resp.json()

    def fetch_capacity_limit(self, grid_ref: str) -> float:
        """Capacity currently granted to the connection, in kW."""
        data = self._get_json(f"/connections/{grid_ref}/capacity")
        return float(data["available_kw"])

    def submit_flex_offer(self, grid_ref: str, offer: dict[str, Any]) -> None:
        for attempt in range(3):
            try:
                resp = self._http.post(f"{self._base}/connections/{grid_ref}/flex-offers", json=offer)
                resp.raise_for_status()
                return
            except requests.ConnectionError:
                if attempt == 2:
                    raise
                log.warning("flex offer for %s failed, retrying", grid_ref)
                time.sleep(2**attempt)

    def close(self) -> None:
        self._http.close()
