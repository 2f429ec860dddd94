"""HTTP client for PetLabs, our main external reference laboratory."""
from __future__ import annotations

import logging
from typing import Any

import httpx

from svc.config import get_settings
from svc.utils.resilience import CircuitBreaker, retry_async

logger = logging.getLogger(__name__)

_TRANSIENT = (httpx.TransportError, httpx.HTTPStatusError)


class LabPartnerClient:
    def __init__(self) -> None:
        settings = get_settings()
        self._client = httpx.AsyncClient(
            base_url=settings.lab_partner_base_url,
            headers={"Authorization": f"Bearer {settings.lab_partner_token}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("petlabs", failure_threshold=5, reset_after=60)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        async def once() -> Any:
            resp = await self._client.get(path, params=params)
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: retry_async(once, attempts=3, retry_on=_TRANSIENT))

    async def fetch_pending_results(self, since_cursor: str | None) -> dict[str, Any]:
        return await self._get_json("/v1/results", {"cursor": since_cursor or "", "format": "hl7"})

    async def acknowledge(self, accessions: list[str]) -> None:
        async def once() -> None:
            resp = await self._client.post("/v1/results/ack", json={"accessions": accessions})
            resp.raise_for_status()

        await retry_async(once, attempts=5, retry_on=_TRANSIENT)

    async def place_order(self, pet_ref: str, panel: str, clinic_code: str) -> str:
        payload = {"patient": pet_ref, "panel": panel, "account": clinic_code}
        resp = await self._breaker.call(lambda: self._client.post("/v1/orders", json=payload))
        resp.raise_for_status()
        return resp.json()["accession"]

    async def download_report_pdf(self, accession: str) -> bytes:
        resp = await self._client.get(f"/v1/reports/{accession}.pdf", timeout=None)
        resp.raise_for_status()
        return resp.content


lab_client: LabPartnerClient | None = None
