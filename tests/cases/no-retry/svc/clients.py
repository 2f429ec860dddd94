"""Clients of three upstream services."""
import asyncio

import httpx
from tenacity import retry, stop_after_attempt, wait_exponential


class ProfileClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://profiles.example.com", timeout=5)

    async def profile(self, user_id: int) -> dict:
        return (await self._client.get(f"/users/{user_id}")).json()  # expect: no-retry

    async def avatar(self, user_id: int) -> bytes:
        return (await self._client.get(f"/users/{user_id}/avatar")).content


class CatalogClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://catalog.example.com", timeout=5)

    @retry(stop=stop_after_attempt(3), wait=wait_exponential(multiplier=0.2))
    async def item(self, item_id: int) -> dict:
        return (await self._client.get(f"/items/{item_id}")).json()


class StockClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://stock.example.com", timeout=5)

    async def level(self, item_id: int) -> int:
        for attempt in range(3):
            try:
                return (await self._client.get(f"/stock/{item_id}")).json()["level"]
            except httpx.TransportError:
                await asyncio.sleep(0.2 * 2 ** attempt)
        return 0


class PaymentClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://pay.example.com", timeout=5)

    async def charge(self, amount: int) -> dict:
        return (await self._client.post("/charges", json={"amount": amount})).json()
