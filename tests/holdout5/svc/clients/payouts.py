"""Bank transfers to drivers."""
from __future__ import annotations

import aiohttp

from svc.config import settings


class PayoutsClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "PayoutsClient":
        self._session = aiohttp.ClientSession(base_url=settings.payouts_base_url, timeout=aiohttp.ClientTimeout(total=20, connect=5), headers={"Authorization": f"Bearer {settings.payments_api_key}"})
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def create_transfer(self, account: str, amount_cents: int, currency: str, idempotency_key: str) -> str:
        assert self._session is not None
        async with self._session.post("/v1/transfers", json={"destination": account, "amount": amount_cents, "currency": currency}, headers={"Idempotency-Key": idempotency_key}) as resp:
            resp.raise_for_status()
            return (await resp.json())["transfer_id"]
