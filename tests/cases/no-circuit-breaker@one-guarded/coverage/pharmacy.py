"""Pharmacy partner client: one breaker in front of every call."""
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker

pharmacy_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))


class PharmacyClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=8.0)

    @pharmacy_breaker
    async def stock(self, drug: str) -> int:
        response = await self._client.get(f"/stock/{drug}")
        response.raise_for_status()
        return response.json()["units"]

    @pharmacy_breaker
    async def reserve(self, drug: str, units: int) -> str:
        response = await self._client.post("/reservations", json={"drug": drug, "units": units})
        response.raise_for_status()
        return response.json()["id"]

    async def aclose(self) -> None:
        await self._client.aclose()
