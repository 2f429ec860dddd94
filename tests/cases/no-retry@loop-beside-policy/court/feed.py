"""Ticker feed: its only retry is a hand-written loop that polls and pauses, as often a stream's
reconnect as a retry policy, so it gives no policy to compare the two reads with: they stay unreported."""
import asyncio

import httpx


class TickerFeed:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def follow(self, symbol: str) -> dict:
        for attempt in range(1, 4):
            try:
                resp = await self._http.get(f"/ticks/{symbol}")
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 3:
                    raise
                await asyncio.sleep(1.0)
        raise AssertionError("unreachable")

    async def quote(self, symbol: str) -> dict:
        resp = await self._http.get(f"/quotes/{symbol}")
        resp.raise_for_status()
        return resp.json()

    async def depth(self, symbol: str) -> dict:
        resp = await self._http.get(f"/depth/{symbol}")
        resp.raise_for_status()
        return resp.json()
