"""Client for the OpenTripPlanner-compatible routing engine."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from transit.metrics import ROUTING_LATENCY

logger = logging.getLogger(__name__)


class RoutingEngineError(Exception):
    pass


@dataclass(frozen=True)
class PlanRequest:
    from_lat: float
    from_lon: float
    to_lat: float
    to_lon: float
    depart_at: datetime
    wheelchair: bool = False
    max_walk_m: int = 800


class RoutingEngineClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(base_url=self._base_url, timeout=None)

    async def plan(self, req: PlanRequest) -> dict[str, Any]:
        params = {
            "fromPlace": f"{req.from_lat},{req.from_lon}",
            "toPlace": f"{req.to_lat},{req.to_lon}",
            "date": req.depart_at.strftime("%Y-%m-%d"),
            "time": req.depart_at.strftime("%H:%M"),
            "wheelchair": str(req.wheelchair).lower(),
            "maxWalkDistance": req.max_walk_m,
            "numItineraries": 4,
        }
        with ROUTING_LATENCY.time():
            response = await self._client.get("/plan", params=params)
        if response.status_code >= 500:
            raise RoutingEngineError(f"routing engine returned {response.status_code}")
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise RoutingEngineError(body["error"].get("message", "no itinerary"))
        return body["plan"]

    async def ping(self) -> bool:
        try:
            response = await self._client.get("/", timeout=2.0)
        except httpx.HTTPError:
            return False
        return response.status_code < 500

    async def aclose(self) -> None:
        await self._client.aclose()
