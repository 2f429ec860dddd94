"""Payment provider client for creator payouts."""
from __future__ import annotations

import httpx

from podhost.config import Settings
from podhost.utils.logging import outbound_headers
from podhost.utils.resilience import retry_async


class PaymentError(Exception):
    pass


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.payments_url,
            timeout=httpx.Timeout(15.0, connect=3.0),
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
        )

    async def transfer(self, *, account: str, amount_cents: int, idempotency_key: str) -> str:
        async def _send() -> str:
            resp = await self._client.post(
                "/transfers",
                json={"destination": account, "amount": amount_cents, "currency": "usd"},
                headers={"Idempotency-Key": idempotency_key, **outbound_headers()},
            )
            if resp.status_code == 422:
                raise PaymentError(resp.text)
            resp.raise_for_status()
            return resp.json()["id"]

        return await retry_async(_send, attempts=4, retry_on=(httpx.TransportError, httpx.HTTPStatusError))

    async def aclose(self) -> None:
        await self._client.aclose()
