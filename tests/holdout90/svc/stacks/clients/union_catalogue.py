"""Nightly MARC export from the regional union catalogue."""
from __future__ import annotations

import logging
from datetime import date

import httpx

log = logging.getLogger(__name__)


class UnionCatalogueClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=10.0), follow_redirects=True)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def fetch_delta(self, since: date) -> bytes:
        resp = await self._http.get(f"{self._base_url}/delta", params={"since": since.isoformat()})
        resp.raise_for_status()
        return resp.content

    async def fetch_deleted(self, since: date) -> list[str]:
        resp = await self._http.get(f"{self._base_url}/deleted", params={"since": since.isoformat()})
        resp.raise_for_status()
        return resp.json()["control_numbers"]
