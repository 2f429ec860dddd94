"""PulseBands partner API: heart-rate and calorie samples recorded by members' bands."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import aiohttp

from svc.clients.resilience import backoff_sleep
from svc.config import Settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 4


class WearablesClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.wearables_base_url
        self._client_token = settings.wearables_client_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._base_url,
            headers={"X-Client-Token": self._client_token},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("wearables client not started")
        return self._session

    async def fetch_samples(self, vendor_token: str, since: datetime) -> list[dict[str, Any]]:
        params = {"since": since.isoformat(), "limit": "5000"}
        headers = {"Authorization": f"Bearer {vendor_token}"}
        for attempt in range(MAX_ATTEMPTS):
            try:
                async with self.session.get("v1/samples", params=params, headers=headers) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                    return body["samples"]
            except aiohttp.ClientConnectionError:
                if attempt == MAX_ATTEMPTS - 1:
                    raise
                logger.info("pulsebands sample fetch retry %d", attempt + 1)
                backoff_sleep(attempt)
        return []

    async def revoke(self, vendor_token: str) -> None:
        async with self.session.post("v1/tokens/revoke", json={"token": vendor_token}) as resp:
            resp.raise_for_status()
