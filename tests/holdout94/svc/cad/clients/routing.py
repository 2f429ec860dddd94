from __future__ import annotations

import httpx

from ..utils.retry import CircuitBreaker, CircuitOpen


class RoutingClient:
    """Drive-time estimates from the county road network service."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._breaker = CircuitBreaker("routing", threshold=4, reset_after=20.0)

    async def eta_seconds(self, from_lat: float, from_lon: float, to_lat: float, to_lon: float) -> float | None:
        async def _call() -> float:
            async with httpx.AsyncClient(base_url=self._base_url, timeout=3.0) as client:
                resp = await client.get(
                    "/eta", params={"from": f"{from_lat},{from_lon}", "to": f"{to_lat},{to_lon}"}
                )
                resp.raise_for_status()
                return float(resp.json()["seconds"])

        try:
            return await self._breaker.call(_call)
        except (CircuitOpen, httpx.HTTPError):
            # Callers fall back to straight-line distance ranking.
            return None
