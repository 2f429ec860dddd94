from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import random
from typing import Any

import httpx

from ..core.circuit import CircuitBreaker, CircuitOpen
from ..core.errors import PaymentError
from ..settings import Settings

logger = logging.getLogger(__name__)

_RETRYABLE = {429, 502, 503, 504}


class PaymentsClient:
    """Thin wrapper over the payment provider's REST API (customers, invoices, charges)."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.payments_base_url,
            headers={"Authorization": f"Bearer {settings.payments_api_key}"},
            timeout=None,
        )
        self._breaker = CircuitBreaker("payments", failure_threshold=5, reset_after_s=60)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _request(self, method: str, path: str, *, idempotency_key: str | None = None, **kwargs: Any) -> dict:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        for attempt in range(4):
            try:
                response = await self._breaker.call(
                    lambda: self._http.request(method, path, headers=headers, **kwargs)
                )
            except CircuitOpen as exc:
                raise PaymentError("payment provider unavailable") from exc
            except httpx.TransportError as exc:
                if attempt == 3:
                    raise PaymentError(f"payment provider unreachable: {exc}") from exc
            else:
                if response.status_code not in _RETRYABLE:
                    if response.is_error:
                        raise PaymentError(f"{method} {path} -> {response.status_code}",
                                           details={"body": response.text[:500]})
                    return response.json()
            await asyncio.sleep(min(8.0, 0.5 * 2 ** attempt) + random.random() / 4)
        raise PaymentError(f"{method} {path} failed after retries")

    async def create_invoice(self, customer_id: str, lines: list[dict]) -> dict:
        payload = {"customer": customer_id, "lines": lines, "auto_advance": True}
        digest = hashlib.sha256(json.dumps(lines, sort_keys=True).encode()).hexdigest()[:24]
        return await self._request("POST", "/invoices", json=payload, idempotency_key=f"inv-{customer_id}-{digest}")

    async def finalize_invoice(self, provider_invoice_id: str) -> dict:
        return await self._request("POST", f"/invoices/{provider_invoice_id}/finalize",
                                   idempotency_key=f"fin-{provider_invoice_id}")

    async def get_customer(self, customer_id: str) -> dict:
        return await self._request("GET", f"/customers/{customer_id}")
