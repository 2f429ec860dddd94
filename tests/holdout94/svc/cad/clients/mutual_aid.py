from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp

from ..errors import MutualAidError

log = logging.getLogger(__name__)


class MutualAidClient:
    """Neighbouring county CAD-to-CAD mutual-aid API (OAuth client credentials)."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, client_id: str, client_secret: str) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._client_id = client_id
        self._client_secret = client_secret
        self._lock = asyncio.Lock()
        self._token: str | None = None
        self._token_expires = 0.0

    async def _ensure_token(self) -> str:
        async with self._lock:
            if self._token and time.monotonic() < self._token_expires - 30:
                return self._token
            return await self._refresh_token()

    async def _refresh_token(self) -> str:
        async with self._lock:  # one refresh in flight at a time
            async with self._session.post(
                f"{self._base}/oauth/token",
                data={"grant_type": "client_credentials", "client_id": self._client_id,
                      "client_secret": self._client_secret},
            ) as resp:
                resp.raise_for_status()
                body = await resp.json()
            self._token = body["access_token"]
            self._token_expires = time.monotonic() + float(body.get("expires_in", 300))
            return self._token

    async def request_resources(self, payload: dict[str, Any]) -> dict[str, Any]:
        token = await self._ensure_token()
        try:
            async with self._session.post(f"{self._base}/requests", json=payload, headers={"authorization": f"Bearer {token}"}) as resp:
                if resp.status >= 400:
                    raise MutualAidError(f"neighbour rejected request: {resp.status} {await resp.text()}")
                return await resp.json()
        except aiohttp.ClientError as exc:
            raise MutualAidError(f"mutual-aid transport failure: {exc}")

    async def request_status(self, remote_ref: str) -> dict[str, Any]:
        token = await self._ensure_token()
        for attempt in range(3):
            try:
                async with self._session.get(
                    f"{self._base}/requests/{remote_ref}", headers={"authorization": f"Bearer {token}"}
                ) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except (aiohttp.ClientConnectionError, asyncio.TimeoutError) as exc:
                if attempt == 2:
                    raise MutualAidError(f"status lookup failed for {remote_ref}") from exc
                await asyncio.sleep(0.5 * 2**attempt)
        raise MutualAidError("unreachable")
