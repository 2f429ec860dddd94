"""Bank transfer API used for driver payouts."""
from __future__ import annotations

import aiohttp

from svc.config import Settings


class TransferRejected(Exception):
    pass


class BankUnavailable(Exception):
    pass


class BankClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.bank_base_url
        self._session = aiohttp.ClientSession(
            headers={"X-Api-Key": settings.bank_api_key},
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
        )

    async def close(self) -> None:
        await self._session.close()

    async def transfer(self, account_ref: str, amount_cents: int, reference: str) -> str:
        payload = {"account": account_ref, "amount": amount_cents, "reference": reference}
        async with self._session.post(f"{self._base}/transfers", json=payload) as resp:
            if resp.status in (502, 503, 504):
                raise BankUnavailable(f"bank returned {resp.status}")
            if resp.status >= 400:
                raise TransferRejected(await resp.text())
            data = await resp.json()
        return data["transfer_id"]
