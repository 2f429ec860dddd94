"""Carrier aggregator API (rates, labels, manifests) and the address validation service."""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings

logger = logging.getLogger(__name__)

carrier_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential(multiplier=0.2, max=2.0),
    retry=retry_if_exception_type(httpx.TransportError),
    reraise=True,
)


class CarrierClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.carrier_base_url,
            headers={"API-Key": settings.carrier_api_key},
            timeout=httpx.Timeout(10.0, connect=3.0),
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    @carrier_breaker
    @_transient
    async def get_rates(self, parcel: dict[str, Any], ship_to: dict[str, Any]) -> list[dict[str, Any]]:
        resp = await self._http.post("/rates/estimate", json={"parcel": parcel, "ship_to": ship_to})
        resp.raise_for_status()
        return resp.json()["rates"]

    @carrier_breaker
    @_transient
    async def buy_label(self, shipment_ref: str, rate_id: str) -> dict[str, Any]:
        # The idempotency key makes a retried purchase return the first label instead of buying another.
        response = await self._http.post(
            f"/labels/rates/{rate_id}",
            json={"label_format": "zpl", "label_layout": "4x6", "label_download_type": "inline"},
            headers={"Idempotency-Key": shipment_ref},
        )
        response.raise_for_status()
        return response.json()

    async def close_manifest(self, carrier_id: str, label_ids: list[str]) -> dict[str, Any]:
        resp = await self._http.post("/manifests", json={"carrier_id": carrier_id, "label_ids": label_ids})
        resp.raise_for_status()
        return resp.json()


class AddressValidator:
    """Normalises ship-to addresses; an order keeps its raw address when the service is down."""

    def __init__(self, settings: Settings) -> None:
        self._url = settings.address_api_url

    async def normalise(self, address: dict[str, Any]) -> dict[str, Any]:
        try:
            async with httpx.AsyncClient(base_url=self._url) as client:
                resp = await client.post("/v2/validate", json=address)
                resp.raise_for_status()
                body = resp.json()
        except httpx.HTTPError:
            logger.warning("address validation unavailable, keeping the address as received")
            return {**address, "validated": False}
        return {**body["address"], "validated": body.get("status") == "verified"}
