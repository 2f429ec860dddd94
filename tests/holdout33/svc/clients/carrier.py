"""ShipBridge carrier aggregation API: rates, labels, voids, tracking."""
from __future__ import annotations

import base64
import logging
from collections.abc import Awaitable
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from ..config import Settings
from ..errors import CarrierError, CarrierUnavailable
from .base import BaseHttpClient, CircuitBreaker

if TYPE_CHECKING:
    from ..db.models import Order

log = logging.getLogger(__name__)

RETRYABLE = (httpx.TransportError, CarrierUnavailable)
_retryable = retry_if_exception_type(RETRYABLE)


@dataclass(frozen=True, slots=True)
class Rate:
    carrier_code: str
    service_level: str
    total_cents: int
    currency: str
    estimated_days: int


@dataclass(frozen=True)
class LabelRequest:
    order_ref: str
    service_level: str
    ship_to: dict[str, Any]
    parcels: list[dict[str, Any]]
    idempotency_key: str

    @classmethod
    def from_order(cls, order: Order, *, parcels: list[dict[str, Any]], service_level: str) -> LabelRequest:
        return cls(
            order_ref=order.external_ref,
            service_level=service_level,
            ship_to=order.ship_to,
            parcels=parcels,
            idempotency_key=f"wms-{order.id}-{service_level}",
        )

    def as_payload(self) -> dict[str, Any]:
        payload = asdict(self)
        payload.pop("idempotency_key")
        return payload


@dataclass(frozen=True, slots=True)
class LabelResult:
    carrier_code: str
    tracking_number: str
    cost_cents: int
    pdf: bytes


class CarrierClient(BaseHttpClient):
    name = "carrier"

    def __init__(self, settings: Settings, http: httpx.AsyncClient | None = None) -> None:
        super().__init__(http or httpx.AsyncClient(
            base_url=settings.carrier_base_url,
            headers={"Authorization": f"Bearer {settings.carrier_api_key}"},
            timeout=httpx.Timeout(settings.carrier_timeout, connect=3.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        ))
        self._breaker = CircuitBreaker(
            "carrier", failure_threshold=5, reset_timeout=30.0, tracked=(httpx.TransportError, CarrierUnavailable)
        )

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(0.5, 8.0), retry=_retryable, reraise=True)
    async def purchase_label(self, req: LabelRequest) -> LabelResult:
        return await self._breaker.call(self._post_label, req)

    async def _post_label(self, req: LabelRequest) -> LabelResult:
        resp = await self._http.post("/labels", json=req.as_payload(), headers={"Idempotency-Key": req.idempotency_key})
        _raise_for_carrier(resp)
        body = resp.json()
        return LabelResult(
            carrier_code=body["carrier"],
            tracking_number=body["tracking_number"],
            cost_cents=int(body["cost_cents"]),
            pdf=base64.b64decode(body["label_pdf"]),
        )

    @retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(0.3, 4.0), retry=_retryable, reraise=True)
    async def get_rates(self, req: LabelRequest) -> list[Rate]:
        return await self._breaker.call(self._fetch_rates, req)

    async def _fetch_rates(self, req: LabelRequest) -> list[Rate]:
        resp = await self._http.post("/rates", json=req.as_payload())
        _raise_for_carrier(resp)
        return [Rate(**item) for item in resp.json()["rates"]]

    async def rate_card(self, carrier_code: str) -> dict[str, Any]:
        resp = await self._breaker.call(self._http.get, f"/carriers/{carrier_code}/rate-card")
        _raise_for_carrier(resp)
        return resp.json()

    async def void_label(self, tracking_number: str) -> bool:
        resp = await self._breaker.call(self._http.post, f"/labels/{tracking_number}/void")
        if resp.status_code == 409:
            return False
        _raise_for_carrier(resp)
        return True

    @retry(stop=stop_after_attempt(4), wait=wait_exponential_jitter(1.0, 10.0), retry=_retryable, reraise=True)
    async def track(self, tracking_number: str) -> dict[str, Any]:
        resp = await self._http.get(f"/tracking/{tracking_number}")
        _raise_for_carrier(resp)
        return resp.json()

    def fetch_manifest(self, day: date) -> Awaitable[httpx.Response]:
        """Start the end-of-day manifest download; the caller awaits the response."""
        return self._breaker.call(self._http.get, "/manifests", params={"date": day.isoformat()})


def _raise_for_carrier(resp: httpx.Response) -> None:
    if resp.status_code == 429 or resp.status_code >= 500:
        raise CarrierUnavailable(f"carrier returned {resp.status_code}", details={"body": resp.text[:500]})
    if resp.status_code >= 400:
        raise CarrierError(f"carrier rejected request ({resp.status_code})", details={"body": resp.text[:500]})
