"""Client for the national e-prescription exchange."""
from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from dispensary.settings import Settings
from dispensary.utils.resilience import retry_async
from dispensary.utils.security import sign_payload

logger = logging.getLogger(__name__)

STATUS_VALUES = frozenset({"RECEIVED", "IN_PROGRESS", "DISPENSED", "CANCELLED", "REJECTED"})


class ExchangeClient:
    def __init__(self, settings: Settings) -> None:
        self._secret = settings.exchange_signing_secret
        self._http = httpx.AsyncClient(
            base_url=settings.exchange_base_url,
            headers={"X-Client-Id": settings.exchange_client_id},
            timeout=None,
        )

    async def fetch_prescription(self, exchange_rx_id: str) -> dict[str, Any]:
        async def _get() -> dict[str, Any]:
            response = await self._http.get(f"/v2/prescriptions/{exchange_rx_id}")
            response.raise_for_status()
            return response.json()

        return await retry_async(_get, attempts=4, retry_on=(httpx.TransportError,), label="exchange fetch")

    async def send_status(self, exchange_rx_id: str, status: str, reason: str | None = None) -> None:
        if status not in STATUS_VALUES:
            raise ValueError(f"unknown exchange status {status}")
        body = json.dumps({"rx_id": exchange_rx_id, "status": status, "reason": reason}).encode()
        response = await self._http.post(
            "/v2/status", content=body, headers={"X-Signature": sign_payload(body, self._secret)}
        )
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._http.aclose()
