"""Client for the reference-lab integration API."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx

from svc.config import get_settings
from svc.utils.resilience import CircuitBreaker, with_retry

log = logging.getLogger(__name__)


@dataclass
class LabResultPayload:
    external_ref: str
    status: str
    analytes: list[dict[str, Any]]


class LabApiError(RuntimeError):
    pass


class LabApiClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("lab-api", failure_threshold=5, reset_after=60)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def submit_order(self, clinic_code: str, pet_ref: str, panel: str) -> str:
        resp = await self._client.post(
            "/orders",
            json={"clinic": clinic_code, "patient": pet_ref, "panel": panel},
        )
        if resp.status_code >= 400:
            raise LabApiError(f"order rejected: {resp.status_code} {resp.text[:200]}")
        return resp.json()["order_ref"]

    async def fetch_result(self, external_ref: str) -> LabResultPayload:
        async def _get() -> httpx.Response:
            r = await self._client.get(f"/orders/{external_ref}/results")
            r.raise_for_status()
            return r

        resp = await self._breaker.call(lambda: with_retry(_get, attempts=3, retry_on=(httpx.TransportError,)))
        body = resp.json()
        return LabResultPayload(external_ref, body["status"], body.get("analytes", []))

    async def fetch_report_pdf(self, external_ref: str) -> bytes:
        resp = await self._client.get(f"/orders/{external_ref}/report.pdf", timeout=None)
        resp.raise_for_status()
        return resp.content

    async def list_completed_since(self, cursor: str | None) -> tuple[list[str], str | None]:
        params = {"status": "complete"}
        if cursor:
            params["cursor"] = cursor
        resp = await self._client.get("/orders", params=params)
        resp.raise_for_status()
        body = resp.json()
        return [o["order_ref"] for o in body["orders"]], body.get("next_cursor")


_lab_client: LabApiClient | None = None


def lab_client() -> LabApiClient:
    global _lab_client
    if _lab_client is None:
        s = get_settings()
        _lab_client = LabApiClient(s.lab_api_base, s.lab_api_key)
    return _lab_client


async def cancel_order(external_ref: str, reason: str) -> bool:
    resp = await lab_client()._client.post(f"/orders/{external_ref}/cancel", json={"reason": reason})
    if resp.status_code == 409:
        log.info("lab order %s already processed; cannot cancel", external_ref)
        return False
    resp.raise_for_status()
    return True
