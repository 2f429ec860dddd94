"""Card payments through the PSP's REST API."""
from __future__ import annotations

import logging
from typing import Any

import httpx

from svc.config import get_settings
from svc.utils.resilience import retry_async

logger = logging.getLogger(__name__)


class PaymentError(RuntimeError):
    pass


class PaymentDeclined(PaymentError):
    pass


class PaymentProviderClient:
    def __init__(self) -> None:
        settings = get_settings()
        self._base_url = settings.payment_base_url
        self._auth = (settings.payment_secret_key, "")
        self._http = httpx.AsyncClient(base_url=self._base_url, auth=self._auth, timeout=15.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def create_payment_intent(
        self, invoice_id: int, amount_cents: int, currency: str, idempotency_key: str
    ) -> dict[str, Any]:
        body = {
            "amount": amount_cents,
            "currency": currency,
            "metadata": {"invoice_id": str(invoice_id)},
            "capture_method": "automatic",
        }
        async with httpx.AsyncClient(base_url=self._base_url, auth=self._auth, timeout=15.0) as client:
            try:
                resp = await client.post(
                    "/payment_intents", json=body, headers={"Idempotency-Key": idempotency_key}
                )
                resp.raise_for_status()
            except httpx.HTTPStatusError as exc:
                detail = exc.response.json().get("message", "declined")
                raise PaymentDeclined(f"invoice {invoice_id}: {detail}")
        return resp.json()

    async def refund(self, provider_ref: str, amount_cents: int, idempotency_key: str) -> dict[str, Any]:
        async def once() -> httpx.Response:
            resp = await self._http.post(
                "/refunds",
                json={"payment_intent": provider_ref, "amount": amount_cents},
                headers={"Idempotency-Key": idempotency_key},
            )
            resp.raise_for_status()
            return resp

        try:
            resp = await retry_async(once, attempts=4, retry_on=(httpx.TransportError,))
        except httpx.HTTPError as exc:
            raise PaymentError(f"refund failed for {provider_ref}") from exc
        return resp.json()

    async def get_payment_status(self, provider_ref: str) -> str:
        resp = await self._http.get(f"/payment_intents/{provider_ref}")
        resp.raise_for_status()
        return resp.json()["status"]

    async def list_settled(self, since_ts: int) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"created[gte]": since_ts, "limit": 100}
            if cursor:
                params["starting_after"] = cursor
            resp = await retry_async(lambda: self._http.get("/payment_intents", params=params))
            resp.raise_for_status()
            page = resp.json()
            items.extend(page["data"])
            if not page.get("has_more"):
                return items
            cursor = page["data"][-1]["id"]
