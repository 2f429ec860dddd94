from __future__ import annotations

import logging

import httpx

log = logging.getLogger(__name__)


class FraudClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url.rstrip("/")

    async def score(self, rider_id: str, vehicle_id: str, lat: float, lon: float) -> float:
        async with httpx.AsyncClient(base_url=self._base, timeout=2.0) as client:
            resp = await client.post(
                "/v1/score",
                json={"subject": rider_id, "asset": vehicle_id, "lat": lat, "lon": lon},
            )
            resp.raise_for_status()
            return float(resp.json()["score"])
