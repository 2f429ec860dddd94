"""Two carrier APIs with the same tracking interface (no common base class)."""
import httpx


class NorthlineClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://api.northline.example", timeout=5.0)

    async def tracking_events(self, reference: str) -> list[dict]:
        response = await self._http.get(f"/shipments/{reference}/events")
        response.raise_for_status()
        return response.json()["events"]


class SwiftClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://api.swift.example", timeout=5.0)

    async def tracking_events(self, reference: str) -> list[dict]:
        response = await self._http.get(f"/parcels/{reference}/events")
        response.raise_for_status()
        return response.json()["events"]
