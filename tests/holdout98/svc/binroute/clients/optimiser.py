from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from ..settings import Settings

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class SolveRequest:
    depot_id: str
    truck_id: str
    depot_lat: float
    depot_lon: float
    stops: list[dict]
    capacity_kg: int


class OptimiserClient:
    """Route-optimisation API (vehicle routing with capacity constraints)."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.optimiser_url,
            headers={"Authorization": f"Bearer {settings.optimiser_key}"},
            timeout=None,
        )

    async def solve(self, req: SolveRequest) -> list[str]:
        payload = {
            "vehicle": {"id": req.truck_id, "capacity": req.capacity_kg,
                        "start": [req.depot_lat, req.depot_lon], "end": [req.depot_lat, req.depot_lon]},
            "jobs": req.stops,
        }
        resp = await self._client.post("/v2/solve", json=payload)
        resp.raise_for_status()
        body = resp.json()
        return [step["job_id"] for step in body["routes"][0]["steps"] if step["type"] == "job"]

    async def eta(self, truck_lat: float, truck_lon: float, stop_coords: list[tuple[float, float]]) -> list[int]:
        resp = await self._client.post(
            "/v2/matrix",
            json={"sources": [[truck_lat, truck_lon]], "destinations": [list(c) for c in stop_coords]},
        )
        resp.raise_for_status()
        return [int(s) for s in resp.json()["durations"][0]]

    async def aclose(self) -> None:
        await self._client.aclose()
