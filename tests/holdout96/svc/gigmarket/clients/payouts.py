from __future__ import annotations

from decimal import Decimal
import logging
from typing import Any

import aiohttp
import requests

from ..errors import PayoutError
from ..settings import Settings
from ..utils.retry import CircuitBreaker


logger = logging.getLogger(__name__)


class BankTransferClient:
    """Synchronous SDK-style client for the bank gateway; callers run it in a worker thread."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.bank_api_url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Token {settings.bank_api_key}"

    def submit_transfer(self, reference: str, account_ref: str, amount: Decimal, currency: str) -> dict[str, Any]:
        resp = self._session.post(
            f"{self._base}/transfers",
            json={"reference": reference, "account": account_ref, "amount": str(amount), "currency": currency},
        )
        try:
            resp.raise_for_status()
        except requests.HTTPError as exc:
            raise PayoutError(f"bank rejected transfer {reference}: {resp.status_code}") from exc
        return resp.json()

    def transfer_status(self, reference: str) -> dict[str, Any]:
        resp = self._session.get(f"{self._base}/transfers/{reference}", timeout=10)
        resp.raise_for_status()
        return resp.json()


class PayoutPartnerClient:
    """Wallet-style payout partner (PayPal-like). Uses aiohttp; session made in start()."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker("payout-partner", failure_threshold=5, reset_after=60)

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.payout_partner_url,
            timeout=aiohttp.ClientTimeout(total=15, connect=3),
            headers={"X-Api-Key": self._settings.payout_partner_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        assert self._session is not None
        async with self._session.post(path, json=body) as resp:
            data = await resp.json()
            if resp.status >= 400:
                raise PayoutError(f"partner returned {resp.status}: {data.get('message')}")
            return data

    async def send_batch(self, batch_id: str, items: list[dict[str, Any]]) -> dict[str, Any]:
        return await self._breaker.call(lambda: self._post("/v1/payouts/batch", {"batch_id": batch_id, "items": items}))

    async def send_single(self, reference: str, wallet: str, amount: Decimal, currency: str) -> dict[str, Any]:
        body = {"reference": reference, "receiver": wallet, "amount": str(amount), "currency": currency}
        return await self._breaker.call(lambda: self._post("/v1/payouts", body))

    async def batch_status(self, batch_id: str) -> dict[str, Any]:
        try:
            return await self._post(f"/v1/payouts/batch/{batch_id}/status", {})
        except Exception:
            logger.warning("payout partner status lookup failed for %s", batch_id)
            return {"batch_id": batch_id, "status": "unknown"}
