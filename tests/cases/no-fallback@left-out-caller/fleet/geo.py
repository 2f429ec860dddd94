"""Routing provider client."""
from __future__ import annotations

import httpx


class RoutingClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=5.0)

    async def duration(self, origin: tuple[float, float], dest: tuple[float, float]) -> int:
        resp = await self._client.get("/route", params={"from": f"{origin[0]},{origin[1]}", "to": f"{dest[0]},{dest[1]}"})
        resp.raise_for_status()
        return int(resp.json()["duration"])


routing = RoutingClient("https://routing.example")
