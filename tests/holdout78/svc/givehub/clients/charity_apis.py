from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp
import httpx

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RegistryRecord:
    registration_number: str
    name: str
    status: str


class CharityRegistryClient:
    """Looks charities up in the public charity register."""

    def __init__(self, base_url: str = "https://register.charities.example/api") -> None:
        self._client = httpx.AsyncClient(base_url=base_url)

    async def close(self) -> None:
        await self._client.aclose()

    async def lookup(self, registration_number: str) -> RegistryRecord | None:
        resp = await self._client.get(f"/charities/{registration_number}")
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        data = resp.json()
        return RegistryRecord(registration_number, data["name"], data["status"])


class CharityNotifier:
    """Posts milestone and payout notices to each charity's configured webhook."""

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, connect=3))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def post(self, url: str, payload: dict) -> bool:
        assert self._session is not None
        try:
            async with self._session.post(url, json=payload) as resp:
                return resp.status < 400
        except (aiohttp.ClientError, TimeoutError) as exc:
            logger.warning("charity webhook %s failed: %s", url, exc)
            return False
