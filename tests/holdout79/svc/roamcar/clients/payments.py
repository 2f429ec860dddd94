"""Card deposits: authorisation holds, releases and captures through the payment provider."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)


class PaymentError(Exception):
    pass


class PaymentsClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10, connect=3), headers=self._headers)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _post(self, path: str, payload: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        if self._session is None:
            raise RuntimeError("PaymentsClient.start() was not called")
        try:
            async with self._session.post(
                f"{self._base}{path}", json=payload, headers={"Idempotency-Key": idempotency_key}
            ) as resp:
                resp.raise_for_status()
                return await resp.json()
        except aiohttp.ClientResponseError as exc:
            raise PaymentError(f"{path} failed with HTTP {exc.status}")

    async def authorize_hold(self, card_token: str, amount_cents: int, currency: str, *, reference: str) -> str:
        body = await self._post(
            "/v1/holds",
            {"source": card_token, "amount": amount_cents, "currency": currency, "capture": False},
            idempotency_key=f"hold-{reference}",
        )
        return body["id"]

    async def release_hold(self, hold_id: str) -> None:
        await self._post(f"/v1/holds/{hold_id}/void", {}, idempotency_key=f"void-{hold_id}")

    async def capture(self, hold_id: str, amount_cents: int, *, reference: str) -> str:
        body = await self._post(
            f"/v1/holds/{hold_id}/capture", {"amount": amount_cents}, idempotency_key=f"capture-{reference}"
        )
        return body["charge_id"]
