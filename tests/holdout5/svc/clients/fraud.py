"""Fraud scoring service (internal, owned by the risk team)."""
from __future__ import annotations

import httpx

from svc.config import settings


class FraudClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.fraud_base_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def score_ride_request(self, rider_id: int, lat: float, lng: float, device_id: str | None) -> float:
        resp = await self._http.post("/v1/score/ride-request", json={"rider_id": rider_id, "lat": lat, "lng": lng, "device_id": device_id})
        resp.raise_for_status()
        return float(resp.json()["score"])


fraud = FraudClient()
