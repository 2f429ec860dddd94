"""Carrier APIs over aiohttp sessions created lazily at startup and reached through a property."""
from __future__ import annotations

from typing import Any

import aiohttp


class CarrierGateway:
    """No timeout on the session and none per call: aiohttp's 300 s total applies."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(  # expect: missing-timeout
                headers={"Authorization": f"Bearer {self._token}", "Accept": "application/json"},
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("CarrierGateway.start() has not been awaited")
        return self._session

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        async with self.session.request(method, f"{self._base_url}{path}", **kwargs) as resp:
            resp.raise_for_status()
            return await resp.json()

    async def status(self, number: str) -> dict:
        return await self._request("GET", f"/tracking/{number}")

    async def rates(self, payload: dict) -> dict:
        return await self._request("POST", "/rates", json=payload)


class LabelService:
    """The same lazy session, with a total timeout."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None
        return self._session

    async def label(self, number: str) -> bytes:
        async with self.session.get(f"{self._base_url}/labels/{number}") as resp:
            return await resp.read()


class TrackingFeed:
    """No session timeout, but every call passes its own (directly or through **kwargs)."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(headers={"Accept": "application/json"})

    @property
    def session(self) -> aiohttp.ClientSession:
        assert self._session is not None
        return self._session

    async def _get(self, path: str, **kwargs: Any) -> Any:
        async with self.session.get(f"{self._base_url}{path}", **kwargs) as resp:
            return await resp.json()

    async def latest(self) -> dict:
        return await self._get("/latest", timeout=aiohttp.ClientTimeout(total=5))

    async def history(self) -> dict:
        return await self._get("/history", timeout=aiohttp.ClientTimeout(total=30))

    async def ping(self) -> int:
        async with self.session.get(f"{self._base_url}/ping", timeout=aiohttp.ClientTimeout(total=2)) as resp:
            return resp.status
