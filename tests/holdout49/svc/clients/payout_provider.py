from __future__ import annotations

import logging
import time

import httpx

from svc.config import get_settings

log = logging.getLogger(__name__)


class PayoutProvider:
    """Transfers seller proceeds out of escrow to the seller's bank destination."""

    def __init__(self) -> None:
        settings = get_settings()
        self._base = settings.payout_base_url
        self._key = settings.escrow_api_key
        self._client = httpx.AsyncClient(base_url=self._base, timeout=10.0)

    async def transfer(self, destination: str, amount_cents: int, idempotency_key: str) -> str:
        resp = await self._client.post(
            "/transfers",
            json={"destination": destination, "amount": amount_cents},
            headers={"Authorization": f"Bearer {self._key}", "Idempotency-Key": idempotency_key},
        )
        resp.raise_for_status()
        return resp.json()["transfer_id"]

    async def transfer_status(self, transfer_id: str) -> str:
        for attempt in range(3):
            try:
                resp = await self._client.get(f"/transfers/{transfer_id}")
                resp.raise_for_status()
                return resp.json()["status"]
            except httpx.TransportError:
                if attempt == 2:
                    raise
                time.sleep(0.5 * (attempt + 1))
        return "unknown"

    async def aclose(self) -> None:
        await self._client.aclose()
