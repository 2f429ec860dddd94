"""Outbound clients: the document store (httpx) and the ledger (aiohttp)."""
from __future__ import annotations

import aiohttp
import httpx


class LedgerDown(RuntimeError):
    pass


class DocumentStore:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=8.0)

    async def save(self, doc_id: str, body: dict) -> None:
        resp = await self._http.put(f"/docs/{doc_id}", json=body)
        resp.raise_for_status()

    async def archive(self, doc_id: str, body: dict) -> None:
        resp = await self._http.put(f"/archive/{doc_id}", json=body)
        resp.raise_for_status()


class Ledger:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def append(self, entry_id: int, cents: int) -> None:
        try:
            async with self._session.post(f"{self._base}/entries", json={"id": entry_id, "cents": cents}) as resp:  # expect: no-retry
                resp.raise_for_status()
        except aiohttp.ClientError as exc:
            raise LedgerDown(str(exc)) from exc
