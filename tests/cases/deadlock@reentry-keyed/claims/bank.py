"""Partner API client: the token refresh is only ever called under the token lock."""
import asyncio
import time

import httpx


class BankClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._token: str | None = None
        self._expires = 0.0
        self._token_lock = asyncio.Lock()

    async def _access_token(self) -> str:
        async with self._token_lock:
            if self._token is not None and self._expires > time.monotonic():
                return self._token
            return await self._refresh_token()

    async def _refresh_token(self) -> str:
        async with self._token_lock:  # expect: deadlock
            resp = await self._http.post("/oauth/token", data={"grant_type": "client_credentials"})
            body = resp.json()
            self._token = body["access_token"]
            self._expires = time.monotonic() + float(body["expires_in"])
            return self._token

    async def transfer(self, payload: dict) -> dict:
        token = await self._access_token()
        resp = await self._http.post("/transfers", json=payload, headers={"Authorization": f"Bearer {token}"})
        return resp.json()


class RateCache:
    """`reload` is also called on its own, unlocked: the outer `with` is the one to change."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._rates: dict[str, float] = {}
        self._lock = asyncio.Lock()

    async def reload(self) -> None:
        async with self._lock:
            self._rates = (await self._http.get("/rates")).json()

    async def rate(self, currency: str) -> float:
        if currency not in self._rates:
            await self.reload()
        return self._rates[currency]

    async def forget(self, currency: str) -> None:
        async with self._lock:  # expect: deadlock
            self._rates.pop(currency, None)
            await self.reload()  # expect: deadlock
