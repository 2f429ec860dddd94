from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import aiohttp

if TYPE_CHECKING:
    from svc.settings import Settings

logger = logging.getLogger(__name__)


class CarrierApiError(RuntimeError):
    def __init__(self, carrier_code: str, status: int, message: str) -> None:
        super().__init__(f"{carrier_code}: HTTP {status}: {message}")
        self.carrier_code = carrier_code
        self.status = status
        self.message = message


@dataclass(slots=True, frozen=True)
class CarrierStatus:
    tracking_number: str
    status: str
    description: str
    location: str | None
    occurred_at: datetime
    eta: datetime | None
    external_id: str


@dataclass(slots=True, frozen=True)
class RateOffer:
    carrier_code: str
    service_code: str
    amount_cents: int
    currency: str
    transit_days: int


@dataclass(slots=True, frozen=True)
class PickupConfirmation:
    confirmation_id: str
    window_start: datetime
    window_end: datetime


class CarrierGateway:
    """Client for the internal carrier aggregation API.

    One instance lives for the lifetime of the process; ``start`` must be
    awaited during application startup.
    """

    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.carrier_api_base.rstrip("/")
        self._token = settings.carrier_api_token
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={
                    "Authorization": f"Bearer {self._token}",
                    "Accept": "application/json",
                    "User-Agent": "shiptrack/1.4",
                },
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("CarrierGateway.start() has not been awaited")
        return self._session

    async def _request(self, carrier_code: str, method: str, path: str, **kwargs: Any) -> Any:
        url = f"{self._base_url}{path}"
        async with self.session.request(method, url, **kwargs) as resp:
            raw = await resp.text()
            if resp.status >= 400:
                raise CarrierApiError(carrier_code, resp.status, raw[:500])
            try:
                return await resp.json()
            except aiohttp.ContentTypeError:
                # A couple of regional carriers answer with text/plain bodies.
                logger.info("non-JSON content type from %s %s", method, url)
                return json.loads(raw)

    async def fetch_status(self, carrier_code: str, tracking_number: str) -> CarrierStatus:
        data = await self._request(carrier_code, "GET", f"/v2/{carrier_code}/tracking/{tracking_number}")
        return _parse_status(tracking_number, data)

    async def fetch_rates(
        self,
        carrier_code: str,
        origin_country: str,
        origin_postcode: str,
        destination_country: str,
        destination_postcode: str,
        weight_grams: int,
    ) -> list[RateOffer]:
        data = await self._request(
            carrier_code,
            "POST",
            f"/v2/{carrier_code}/rates",
            json={
                "origin": {"country": origin_country, "postcode": origin_postcode},
                "destination": {"country": destination_country, "postcode": destination_postcode},
                "weight_grams": weight_grams,
            },
        )
        return [
            RateOffer(
                carrier_code=carrier_code,
                service_code=item["service"],
                amount_cents=int(item["amount_cents"]),
                currency=item.get("currency", "EUR"),
                transit_days=int(item.get("transit_days", 3)),
            )
            for item in data.get("rates", [])
        ]

    async def register_shipment(self, carrier_code: str, payload: dict[str, Any]) -> str:
        data = await self._request(carrier_code, "POST", f"/v2/{carrier_code}/shipments", json=payload)
        return data["tracking_number"]

    async def book_pickup(
        self,
        carrier_code: str,
        tracking_number: str,
        window_start: datetime,
        window_end: datetime,
    ) -> PickupConfirmation:
        data = await self._request(
            carrier_code,
            "POST",
            f"/v2/{carrier_code}/pickups",
            json={
                "tracking_number": tracking_number,
                "window_start": window_start.isoformat(),
                "window_end": window_end.isoformat(),
            },
        )
        return PickupConfirmation(
            confirmation_id=data["confirmation_id"],
            window_start=datetime.fromisoformat(data["window_start"]),
            window_end=datetime.fromisoformat(data["window_end"]),
        )

    async def ping(self, carrier_code: str) -> dict[str, Any]:
        return await self._request(carrier_code, "GET", f"/v2/{carrier_code}/ping")


def _parse_status(tracking_number: str, data: dict[str, Any]) -> CarrierStatus:
    events = data.get("events") or []
    if not events:
        raise CarrierApiError(data.get("carrier", "?"), 404, f"no events for {tracking_number}")
    latest = max(events, key=lambda e: e["timestamp"])
    eta_raw = data.get("eta")
    return CarrierStatus(
        tracking_number=tracking_number,
        status=latest.get("status", "in_transit"),
        description=latest.get("description", ""),
        location=latest.get("location"),
        occurred_at=datetime.fromisoformat(latest["timestamp"]),
        eta=datetime.fromisoformat(eta_raw) if eta_raw else None,
        external_id=str(latest.get("id") or latest["timestamp"]),
    )
