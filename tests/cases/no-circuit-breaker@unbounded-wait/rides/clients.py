"""Risk scoring and address lookup clients, created once per process."""
from __future__ import annotations

import httpx


class RiskClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def score(self, rider_id: int) -> float:
        resp = await self._http.post("/score", json={"rider_id": rider_id})  # expect: no-circuit-breaker
        resp.raise_for_status()
        return float(resp.json()["score"])


class AddressClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=3.0)

    async def normalise(self, text: str) -> str:
        resp = await self._http.get("/normalise", params={"q": text})
        resp.raise_for_status()
        return resp.json()["address"]


async def lookup_once(base_url: str, text: str) -> str:
    async with httpx.AsyncClient(base_url=base_url, timeout=None) as client:
        resp = await client.get("/lookup", params={"q": text})
        resp.raise_for_status()
        return resp.json()["address"]


risk = RiskClient("https://risk.internal")
addresses = AddressClient("https://addresses.example")
