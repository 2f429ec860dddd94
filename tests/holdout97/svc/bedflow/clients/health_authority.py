from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp

from ..settings import Settings
from ..utils.breaker import CircuitBreaker

logger = logging.getLogger(__name__)


class HealthAuthorityClient:
    """Regional health authority capacity API (OAuth2 client credentials)."""

    def __init__(self, settings: Settings, session: aiohttp.ClientSession) -> None:
        self._settings = settings
        self._session = session
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = asyncio.Lock()
        self._breaker = CircuitBreaker("health-authority", failure_threshold=3, reset_after=120)

    @staticmethod
    def build_session() -> aiohttp.ClientSession:
        return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=15, connect=5))

    async def _token_header(self) -> dict[str, str]:
        async with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expiry:
                async with self._session.post(
                    f"{self._settings.authority_url}/oauth/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": self._settings.authority_client_id,
                        "client_secret": self._settings.authority_secret,
                    },
                ) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                self._token = body["access_token"]
                self._token_expiry = time.monotonic() + int(body.get("expires_in", 600)) - 60
            return {"Authorization": f"Bearer {self._token}"}

    async def push_capacity(self, snapshot: dict[str, Any]) -> str:
        async def send() -> str:
            headers = await self._token_header()
            url = f"{self._settings.authority_url}/v2/capacity"
            async with self._session.post(url, json=snapshot, headers=headers) as resp:
                resp.raise_for_status()
                body = await resp.json()
            return body["submission_id"]

        return await self._breaker.call(send)
