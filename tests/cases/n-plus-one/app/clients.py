"""Remote services used by the case."""
from __future__ import annotations

import httpx
import redis.asyncio as redis


class PriceClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://prices:8080")

    async def price(self, symbol: str) -> float:
        response = await self._http.get(f"/v1/prices/{symbol}")
        return response.json()["price"]

    async def prices(self, symbols: list[str]) -> dict[str, float]:
        response = await self._http.get("/v1/prices", params={"symbols": ",".join(symbols)})
        return response.json()


class Hooks:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient()

    async def deliver(self, url: str, body: dict) -> None:
        await self._http.post(url, json=body)


cache = redis.from_url("redis://localhost")
