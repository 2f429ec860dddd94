"""Payment provider client (httpx, default 5 s timeout)."""
import asyncio
import time

import httpx


class PaymentsClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://payments.example.com")
        self._token_lock = asyncio.Lock()
        self._token = ""
        self._token_expires = 0.0

    async def aclose(self) -> None:
        await self._http.aclose()

    async def capture(self, intent_id: str) -> str:
        resp = await self._http.post(f"/v1/intents/{intent_id}/capture")
        resp.raise_for_status()
        return str(resp.json()["status"])

    async def token(self) -> str:
        """Single-flight refresh: the cache is tested under the lock, so one caller fetches."""
        async with self._token_lock:
            if self._token and self._token_expires > time.monotonic():
                return self._token
            resp = await self._http.post("/oauth/token", data={"grant_type": "client_credentials"})
            self._token = resp.json()["access_token"]
            self._token_expires = time.monotonic() + 300
            return self._token
