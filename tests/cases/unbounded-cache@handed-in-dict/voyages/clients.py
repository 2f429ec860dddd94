from __future__ import annotations

import httpx


class RoutingClient:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def optimise(self, origin: str, destination: str, speed_kn: float) -> dict:
        response = await self._http.post("/routes", json={"from": origin, "to": destination, "speed": speed_kn})
        response.raise_for_status()
        return response.json()

    async def rate(self, base: str, quote: str) -> float:
        response = await self._http.get("/fx", params={"base": base, "quote": quote})
        response.raise_for_status()
        return float(response.json()["rate"])

    async def port_name(self, code: str) -> str:
        response = await self._http.get(f"/ports/{code}")
        response.raise_for_status()
        return response.json()["name"]
