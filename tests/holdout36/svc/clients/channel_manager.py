"""Channel-manager API (ARI push to OTAs, reservation acknowledgements)."""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import httpx

from svc.config import settings
from svc.utils.circuit import CircuitBreaker
from svc.utils.retry import retry_async

logger = logging.getLogger(__name__)

_TRANSIENT = (httpx.TransportError, httpx.HTTPStatusError)


class ChannelManagerClient:
    def __init__(self, http: httpx.AsyncClient | None = None) -> None:
        self._http = http or httpx.AsyncClient(
            base_url=settings.channel_manager_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            headers={"X-Api-Key": settings.channel_manager_key},
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("channel-manager", failure_threshold=5, reset_after=60)

    async def aclose(self) -> None:
        await self._http.aclose()

    @retry_async(attempts=4, base_delay=1.0, retry_on=_TRANSIENT)
    async def push_availability(self, hotel_code: str, room_type: str, day: date, available: int) -> None:
        async def _send() -> None:
            resp = await self._http.post(
                "/availability",
                json={"hotel": hotel_code, "room_type": room_type, "date": day.isoformat(), "available": available},
            )
            resp.raise_for_status()

        await self._breaker.call(_send)

    @retry_async(attempts=4, base_delay=1.0, retry_on=_TRANSIENT)
    async def push_availability_batch(self, hotel_code: str, items: Sequence[dict[str, Any]]) -> None:
        async def _send() -> None:
            resp = await self._http.post("/availability/batch", json={"hotel": hotel_code, "items": list(items)})
            resp.raise_for_status()

        await self._breaker.call(_send)

    async def push_rates(self, hotel_code: str, plan_code: str, rates: dict[date, Decimal]) -> None:
        payload = {
            "hotel": hotel_code,
            "rate_plan": plan_code,
            "rates": [{"date": d.isoformat(), "amount": str(a)} for d, a in sorted(rates.items())],
        }
        resp = await self._http.post("/rates", json=payload)
        resp.raise_for_status()

    @retry_async(attempts=3, base_delay=0.5, retry_on=_TRANSIENT)
    async def acknowledge(self, channel: str, external_ref: str, confirmation_code: str) -> None:
        async def _send() -> None:
            resp = await self._http.post(
                "/reservations/ack",
                json={"channel": channel, "ref": external_ref, "pms_code": confirmation_code},
            )
            resp.raise_for_status()

        await self._breaker.call(_send)
