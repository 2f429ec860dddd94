"""Client for the finance team's billing service, which invoices advertisers."""
from __future__ import annotations

import logging
from datetime import date

import aiohttp

from adbid.config import Settings

log = logging.getLogger(__name__)


class BillingError(RuntimeError):
    pass


class BillingClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.billing_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def post_spend(self, advertiser_id: int, campaign_id: int, day: date, amount_micros: int) -> str:
        assert self._session is not None
        payload = {
            "advertiser_id": advertiser_id,
            "campaign_id": campaign_id,
            "day": day.isoformat(),
            "amount_micros": amount_micros,
        }
        try:
            async with self._session.post(f"{self._base}/v2/spend", json=payload) as resp:
                body = await resp.json()
        except aiohttp.ClientResponseError as exc:
            raise BillingError(f"billing rejected spend for campaign {campaign_id}: {exc.status}")
        return body["entry_id"]

    async def invoice_status(self, invoice_id: str) -> dict:
        assert self._session is not None
        async with self._session.get(f"{self._base}/v2/invoices/{invoice_id}") as resp:
            return await resp.json()
