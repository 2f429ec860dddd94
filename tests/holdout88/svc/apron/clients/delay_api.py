"""Client for the airlines' delay-code intake API."""
from __future__ import annotations

from typing import Any

import aiohttp

from apron.errors import ExternalServiceError
from apron.settings import Settings


class DelayApiClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.delay_api_base_url
        self._key = settings.delay_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            headers={"X-Api-Key": self._key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def submit(self, airline: str, payload: dict[str, Any]) -> str:
        assert self._session is not None, "DelayApiClient.start() not called"
        async with self._session.post(f"{self._base}/{airline}/delays", json=payload) as resp:
            if resp.status >= 400:
                raise ExternalServiceError(f"delay api {resp.status}: {await resp.text()}")
            body = await resp.json()
        return body["reference"]
