"""Carrier rate lookups, one HTTP call per parcel."""
from __future__ import annotations

import asyncio

import httpx

RATE_CONCURRENCY = 8


class RateClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)
        self._gate = asyncio.Semaphore(RATE_CONCURRENCY)

    async def quote(self, parcel_id: int, grams: int) -> dict:
        resp = await self._http.post("/rates", json={"parcel": parcel_id, "grams": grams})
        resp.raise_for_status()
        return resp.json()

    async def limited_quote(self, parcel_id: int, grams: int) -> dict:
        async with self._gate:
            return await self.quote(parcel_id, grams)
