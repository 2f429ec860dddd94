"""Usage-based billing API: device seats and hourly usage."""
from __future__ import annotations

import asyncio
import time
import uuid
from datetime import datetime

import aiohttp
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from svc.settings import Settings


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, aiohttp.ClientResponseError):
        return exc.status >= 500 or exc.status == 429
    return isinstance(exc, (aiohttp.ClientConnectionError, asyncio.TimeoutError))


_retrying = retry(
    stop=stop_after_attempt(4),
    wait=wait_exponential(multiplier=0.5, max=8),
    retry=retry_if_exception(_transient),
    reraise=True,
)


class BillingClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.billing_url.rstrip("/")
        self._client_id = settings.billing_client_id
        self._client_secret = settings.billing_client_secret
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = asyncio.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
            raise_for_status=True,
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("BillingClient.start() was not called")
        return self._session

    async def _bearer(self) -> str:
        """Client-credentials token, refreshed by one caller at a time shortly before it expires."""
        async with self._token_lock:
            if self._token is None or time.monotonic() >= self._token_expires:
                form = {"grant_type": "client_credentials", "client_id": self._client_id, "client_secret": self._client_secret}
                async with self._http().post(f"{self._base}/oauth/token", data=form) as resp:
                    body = await resp.json()
                self._token = str(body["access_token"])
                self._token_expires = time.monotonic() + float(body["expires_in"]) - 30
            return self._token

    @_retrying
    async def register_device(self, tenant_id: uuid.UUID, device_id: uuid.UUID, kind: str) -> None:
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        seat = {"tenant": str(tenant_id), "device": str(device_id), "kind": kind}
        async with self._http().post(f"{self._base}/v1/seats", json=seat, headers=headers) as resp:
            await resp.read()

    @_retrying
    async def report_usage(self, tenant_id: uuid.UUID, period_start: datetime, readings: int) -> None:
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        usage = {"tenant": str(tenant_id), "period_start": period_start.isoformat(), "readings": readings}
        async with self._http().post(f"{self._base}/v1/usage", json=usage, headers=headers) as resp:
            await resp.read()
