"""Thin clients for three partner services."""
from __future__ import annotations

import aiohttp
import httpx


class ReviewsApi:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def summary(self, product_id: int) -> dict:
        async with self._session.get(f"/products/{product_id}/summary") as resp:
            resp.raise_for_status()
            return await resp.json()


class StatsApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def standings(self, league: str) -> list[dict]:
        resp = await self._http.get(f"/leagues/{league}/standings")
        resp.raise_for_status()
        return resp.json()["rows"]


class FxApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=3.0)

    async def rate(self, pair: str) -> float:
        resp = await self._http.get(f"/rates/{pair}")
        resp.raise_for_status()
        return float(resp.json()["rate"])
