"""Nightly payouts: one bank transfer per merchant owed money."""
from __future__ import annotations

import asyncio

import httpx

from payouts.ledger import LedgerRepo

class PayoutJob:
    def __init__(self, session) -> None:
        self._session = session
        self._http = httpx.AsyncClient(base_url="https://bank.example", timeout=10.0)
        self._gate = asyncio.Semaphore(5)

    async def run(self, day: str) -> None:
        owed = await LedgerRepo(self._session).owed_by_merchant(day)
        await asyncio.gather(*(self._transfer(merchant, cents) for merchant, cents in owed.items()))  # expect: backpressure

    async def run_limited(self, day: str) -> None:
        owed = await LedgerRepo(self._session).owed_by_merchant(day)
        await asyncio.gather(*(self._limited(merchant, cents) for merchant, cents in owed.items()))

    async def _transfer(self, merchant: int, cents: int) -> None:
        resp = await self._http.post("/transfers", json={"merchant": merchant, "cents": cents})
        resp.raise_for_status()

    async def _limited(self, merchant: int, cents: int) -> None:
        async with self._gate:
            await self._transfer(merchant, cents)
