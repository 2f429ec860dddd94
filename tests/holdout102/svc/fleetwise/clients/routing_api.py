"""Weather-routing provider: optimised routes and ETAs given sea state forecasts."""
from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from datetime import datetime

import httpx

from fleetwise.clients.errors import UpstreamError

log = logging.getLogger(__name__)

RETRYABLE = {429, 502, 503, 504}


@dataclass(frozen=True)
class RoutePlan:
    waypoints: list[tuple[float, float]]
    distance_nm: float
    eta: datetime
    fuel_estimate_t: float


class RoutingClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"X-Api-Key": api_key},
            timeout=httpx.Timeout(20.0, connect=5.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _post(self, path: str, payload: dict) -> dict:
        delay = 0.5
        for attempt in range(1, 5):
            try:
                resp = await self._client.post(path, json=payload)
            except httpx.TransportError as exc:
                if attempt == 4:
                    raise UpstreamError("routing", str(exc)) from exc
            else:
                if resp.status_code not in RETRYABLE:
                    resp.raise_for_status()
                    return resp.json()
                if attempt == 4:
                    raise UpstreamError("routing", f"status {resp.status_code}")
            await asyncio.sleep(delay + random.random() * delay)
            delay *= 2
        raise UpstreamError("routing", "unreachable")

    async def optimise(self, origin: tuple[float, float], dest: tuple[float, float],
                       speed_kn: float, etd: datetime) -> RoutePlan:
        body = await self._post(
            "/routes/optimise",
            {"from": origin, "to": dest, "speed": speed_kn, "etd": etd.isoformat()},
        )
        return RoutePlan(
            waypoints=[tuple(p) for p in body["waypoints"]],
            distance_nm=body["distance_nm"],
            eta=datetime.fromisoformat(body["eta"]),
            fuel_estimate_t=body.get("fuel_t", 0.0),
        )

    async def eta(self, position: tuple[float, float], dest: tuple[float, float], speed_kn: float) -> datetime:
        body = await self._post("/eta", {"from": position, "to": dest, "speed": speed_kn})
        return datetime.fromisoformat(body["eta"])
