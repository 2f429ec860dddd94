"""Two loops with the same shape: one restarted by the registry, one started bare."""
from __future__ import annotations

import asyncio

import httpx


class Promoter:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():  # expect: no-recovery
            await self._client.post("/waves/promote")
            await self._client.post("/waves/evaluate")
            await asyncio.sleep(30)


class Rollup:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():
            await self._client.post("/rollups/hourly")
            await self._client.post("/rollups/daily")
            await asyncio.sleep(300)
