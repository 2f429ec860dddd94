from __future__ import annotations

from typing import Any

import httpx


class PayoutsApi:
    """Bank transfers to promoters through the provider's payouts product."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def transfer(self, account: str, amount_cents: int, currency: str, reference: str) -> str:
        response = await self._client.post(
            "/transfers",
            json={"destination": account, "amount": amount_cents, "currency": currency, "reference": reference},
            headers={"Idempotency-Key": reference},
        )
        response.raise_for_status()
        return response.json()["id"]

    async def transfer_status(self, transfer_id: str) -> dict[str, Any]:
        response = await self._client.get(f"/transfers/{transfer_id}")
        response.raise_for_status()
        return response.json()
