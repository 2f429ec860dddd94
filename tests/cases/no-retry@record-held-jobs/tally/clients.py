"""Outbound clients of the tally service."""
from __future__ import annotations

import httpx


class Publisher:
    """Uploads the nightly totals file to the partner's bucket."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=30.0)

    async def upload(self, name: str, body: bytes) -> None:
        resp = await self._http.put(f"/files/{name}", content=body)  # expect: no-retry
        resp.raise_for_status()


class LedgerApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def post_entry(self, entry_id: int, cents: int) -> None:
        resp = await self._http.post("/entries", json={"id": entry_id, "cents": cents})
        resp.raise_for_status()


class RatesApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def latest(self) -> dict:
        resp = await self._http.get("/rates/latest")
        resp.raise_for_status()
        return resp.json()
