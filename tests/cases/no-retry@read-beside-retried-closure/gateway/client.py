"""Card gateway: every charge goes through a retried helper whose request sits in a closure."""
from __future__ import annotations

from datetime import date

import httpx
from tenacity import retry, stop_after_attempt

from gateway.breaker import Breaker


class Gateway:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = Breaker()

    @retry(stop=stop_after_attempt(3))
    async def _post(self, path: str, payload: dict, key: str) -> dict:
        async def send() -> httpx.Response:
            return await self._client.post(path, json=payload, headers={"Idempotency-Key": key})

        resp = await self._breaker.call(send)
        resp.raise_for_status()
        return resp.json()

    async def charge(self, cents: int, token: str, key: str) -> dict:
        return await self._post("/charges", {"amount": cents, "source": token}, key)

    async def refund(self, charge_id: str, cents: int, key: str) -> dict:
        return await self._post(f"/charges/{charge_id}/refunds", {"amount": cents}, key)

    async def settlement_report(self, day: date) -> list[dict]:
        resp = await self._client.get("/settlements", params={"date": day.isoformat()})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["items"]


class Ledger:
    """One retried send used by a single method: no class policy for a read to be left out of."""

    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._breaker = Breaker()

    @retry(stop=stop_after_attempt(3))
    async def _post(self, path: str, payload: dict) -> dict:
        async def send() -> httpx.Response:
            return await self._client.post(path, json=payload)

        resp = await self._breaker.call(send)
        return resp.json()

    async def post_entry(self, payload: dict) -> dict:
        return await self._post("/entries", payload)

    async def balance(self, account: str) -> dict:
        resp = await self._client.get(f"/balances/{account}")
        return resp.json()
