"""Vehicle-routing service used to order an inspector's daily stops."""
from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True, slots=True)
class Stop:
    inspection_id: int
    lat: float
    lon: float


class RoutingClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def optimize(self, depot: tuple[float, float], stops: list[Stop]) -> list[int]:
        payload = {
            "depot": {"lat": depot[0], "lon": depot[1]},
            "stops": [{"id": s.inspection_id, "lat": s.lat, "lon": s.lon} for s in stops],
        }
        resp = await self._http.post("/optimize", json=payload)
        resp.raise_for_status()
        return [int(i) for i in resp.json()["order"]]
