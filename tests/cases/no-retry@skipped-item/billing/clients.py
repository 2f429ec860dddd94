"""Payment provider and ledger clients."""
from __future__ import annotations

import httpx


class Transfers:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def send(self, account: str, cents: int, key: str) -> str:
        resp = await self._http.post("/transfers", json={"to": account, "amount": cents}, headers={"Idempotency-Key": key})  # expect: no-retry
        resp.raise_for_status()
        return resp.json()["id"]


class Ledger:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def append(self, account: str, cents: int) -> None:
        resp = await self._http.post("/entries", json={"account": account, "amount": cents})
        resp.raise_for_status()
