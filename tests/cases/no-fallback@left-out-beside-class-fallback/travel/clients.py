"""Clients for the weather and tariff partners."""
from __future__ import annotations

import aiohttp
import httpx


class WeatherDown(RuntimeError):
    """The weather partner did not answer."""


class WeatherClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=4.0)

    async def forecast(self, city: str) -> dict:
        try:
            resp = await self._http.get(f"/forecast/{city}")
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise WeatherDown(city) from exc
        return resp.json()

    async def forecasts(self, cities: list[str]) -> dict[str, dict]:
        resp = await self._http.get("/forecast", params={"cities": ",".join(cities)})
        resp.raise_for_status()
        return resp.json()


class TariffClient:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def rate(self, zone: str) -> float:
        async with self._session.get(f"/zones/{zone}/rate") as resp:
            resp.raise_for_status()
            return float((await resp.json())["rate"])

    async def all_rates(self) -> dict[str, float]:
        async with self._session.get("/zones/rates") as resp:
            resp.raise_for_status()
            return await resp.json()
