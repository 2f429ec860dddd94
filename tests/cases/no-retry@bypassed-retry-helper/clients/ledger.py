"""Ledger API client: every charge goes through one retrying helper, except the void."""
from __future__ import annotations

import asyncio

import aiohttp


class LedgerClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))

    async def _send(self, path: str, payload: dict, key: str) -> dict:
        for attempt in range(3):
            try:
                async with self._session.post(f"{self._base}{path}", json=payload,
                                              headers={"Idempotency-Key": key}) as resp:
                    resp.raise_for_status()
                    return await resp.json()
            except aiohttp.ClientConnectionError:
                if attempt == 2:
                    raise
            await asyncio.sleep(0.5 * 2 ** attempt)
        raise RuntimeError("unreachable")

    async def charge(self, account: str, cents: int, ref: str) -> dict:
        return await self._send("/charges", {"account": account, "cents": cents}, f"charge-{ref}")

    async def credit(self, account: str, cents: int, ref: str) -> dict:
        return await self._send("/credits", {"account": account, "cents": cents}, f"credit-{ref}")

    async def void_charge(self, charge_id: str) -> dict:
        async with self._session.post(f"{self._base}/charges/{charge_id}/void",  # expect: no-retry
                                      headers={"Idempotency-Key": f"void-{charge_id}"}) as resp:
            resp.raise_for_status()
            return await resp.json()
