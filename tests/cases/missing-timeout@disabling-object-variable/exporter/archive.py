"""Uploads nightly exports to the archive service."""
from __future__ import annotations

import httpx


class ArchiveUploader:
    def __init__(self, base_url: str) -> None:
        no_limit = httpx.Timeout(None)  # expect: missing-timeout
        self._http = httpx.AsyncClient(base_url=base_url, timeout=no_limit)

    async def upload(self, name: str, blob: bytes) -> None:
        resp = await self._http.put(f"/exports/{name}", content=blob)
        resp.raise_for_status()


class LedgerReader:
    """Look-alike: the timeout object sets a total limit."""

    def __init__(self, base_url: str) -> None:
        bounded = httpx.Timeout(15.0, connect=3.0)
        self._http = httpx.AsyncClient(base_url=base_url, timeout=bounded)

    async def balance(self, account: str) -> dict:
        resp = await self._http.get(f"/accounts/{account}")
        resp.raise_for_status()
        return resp.json()


class MirrorFetcher:
    """Still fires: only the connect phase is bounded, a stalled mirror holds every read open."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(None, connect=5.0),  # expect: missing-timeout
        )

    async def fetch(self, path: str) -> bytes:
        resp = await self._http.get(path)
        resp.raise_for_status()
        return resp.content
