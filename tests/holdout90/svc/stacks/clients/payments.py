"""Payment provider client (card payments for fines and replacement fees)."""
from __future__ import annotations

import hashlib
import hmac
import logging

import aiohttp

from stacks.errors import PaymentDeclined, UpstreamError
from stacks.settings import Settings

log = logging.getLogger(__name__)


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.payments_base_url,
            headers={"Authorization": f"Bearer {self._settings.payments_api_key}"},
            timeout=aiohttp.ClientTimeout(total=None),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def charge(self, patron_ref: str, amount_cents: int, idempotency_key: str) -> str:
        assert self._session is not None
        payload = {"customer": patron_ref, "amount": amount_cents, "currency": "usd"}
        headers = {"Idempotency-Key": idempotency_key}
        for attempt in range(3):
            async with self._session.post("/v1/charges", json=payload, headers=headers) as resp:
                if resp.status == 402:
                    body = await resp.json()
                    raise PaymentDeclined(body.get("message", "card declined"))
                if resp.status >= 500 and attempt < 2:
                    log.warning("payment provider %s on attempt %d", resp.status, attempt + 1)
                    continue
                if resp.status >= 400:
                    raise UpstreamError(f"payment provider returned {resp.status}")
                body = await resp.json()
                return body["id"]
        raise UpstreamError("payment provider unavailable")

    async def refund(self, charge_id: str, amount_cents: int) -> None:
        assert self._session is not None
        async with self._session.post(f"/v1/charges/{charge_id}/refunds", json={"amount": amount_cents}) as resp:
            resp.raise_for_status()

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._settings.payments_webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
